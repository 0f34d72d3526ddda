package io.vigil.cli;

import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.syslog.SyslogConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil server}: runs everything in one process until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run Vigil: HTTP API, syslog listeners and ingest with the embedded store.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML configuration file")
    Path configFile;

    @Option(names = "--data", description = "Data directory (default: ./data)")
    Path data;

    @Option(names = "--http-port", description = "HTTP port (default: 8080)")
    Integer httpPort;

    @Option(names = "--bind", description = "Address to listen on (default: 127.0.0.1)")
    String bind;

    @Option(names = "--demo", description = "Load a day of demo nginx traffic with attacks in it")
    boolean demo;

    @Option(names = "--syslog-port", description = "Syslog UDP and TCP port (default: 5514; 0: no syslog)")
    Integer syslogPort;

    @Override
    public Integer call() throws Exception {
        VigilConfig config = VigilConfig.defaults();
        if (configFile != null) {
            config = config.withYaml(configFile);
        }
        config = config.withEnvironment(System.getenv());
        if (data != null) {
            config = config.withDataDir(data);
        }
        config = config.withHttp(bind != null ? bind : config.bind(), httpPort != null ? httpPort : config.httpPort());
        if (demo) {
            config = config.withDemo(true);
        }
        SyslogConfig syslog = SyslogConfig.defaults();
        if (configFile != null) {
            syslog = syslog.withYaml(configFile);
        }
        syslog = syslog.withEnvironment(System.getenv());
        if (syslogPort != null) {
            syslog = syslog.withPort(syslogPort);
        }
        VigilServer server = VigilServer.start(config, syslog, System.getenv(), System.out);
        System.out.println("Vigil is running on http://" + config.bind() + ":" + server.port()
                + (server.syslogPorts().isEmpty() ? "" : ", syslog on " + server.syslogPorts())
                + " (data in " + config.dataDir().toAbsolutePath() + "). Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "vigil-shutdown"));
        stopped.await();
        return 0;
    }
}
