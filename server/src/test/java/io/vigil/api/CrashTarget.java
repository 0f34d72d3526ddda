package io.vigil.api;

import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Main class of the child JVM in {@link CrashRecoveryTest}: a server that runs until killed. */
public final class CrashTarget {
    private CrashTarget() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        VigilServer server = VigilServer.start(VigilConfig.defaults().withDataDir(data).withHttp("127.0.0.1", 0),
                Map.of("VIGIL_INGEST_TOKEN", TestServer.INGEST, "VIGIL_API_TOKEN", TestServer.API), System.out);
        Path tmp = portFile.resolveSibling("port.tmp");
        Files.writeString(tmp, Integer.toString(server.port()));
        Files.move(tmp, portFile);
        Thread.sleep(Long.MAX_VALUE);
    }
}
