package io.vigil.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A syslog-ng 3.38 for tests. syslog-ng and rsyslog conflict as Debian packages, so where rsyslog
 * is installed syslog-ng runs from its packages unpacked into a folder ({@code apt-get download}
 * and {@code dpkg -x}, nothing installed): the folder named by {@code VIGIL_SYSLOG_NG_ROOT}, else
 * a cache under the temporary directory, filled on first use when {@code apt-get} can download.
 * An installed syslog-ng (with its http module) is used as it is.
 *
 * @param binary the {@code syslog-ng} executable
 * @param env {@code LD_LIBRARY_PATH} for the unpacked libraries, or nothing
 * @param options the module path, as command-line options
 * @param includePath what the configuration's {@code @define include-path} must say, so that
 *     {@code @include "scl.conf"} (which defines {@code elasticsearch-http()}) is found
 */
public record SyslogNg(Path binary, Map<String, String> env, List<String> options, String includePath) {
    /** The packages unpacked: syslog-ng itself and the libraries Debian would install with it. */
    public static final List<String> PACKAGES = List.of("syslog-ng-core", "syslog-ng-mod-http", "syslog-ng-scl",
            "libivykis0", "libnet1", "libwrap0", "libpcre3");

    /** The syslog-ng to use, or empty when there is none and none could be unpacked. */
    public static synchronized Optional<SyslogNg> find() {
        Path installed = Path.of("/usr/sbin/syslog-ng");
        if (Files.isExecutable(installed) && Files.exists(Path.of("/usr/lib/syslog-ng/3.38/libhttp.so"))) {
            return Optional.of(new SyslogNg(installed, Map.of(), List.of(), "/etc/syslog-ng:/usr/share/syslog-ng/include"));
        }
        String configured = System.getenv("VIGIL_SYSLOG_NG_ROOT");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "vigil-syslog-ng-3.38");
        if (!Files.isExecutable(root.resolve("usr/sbin/syslog-ng")) && configured == null) {
            unpack(root); // another test run may have unpacked it meanwhile: look again below
        }
        if (!Files.isExecutable(root.resolve("usr/sbin/syslog-ng"))) {
            return Optional.empty();
        }
        return Optional.of(unpacked(root));
    }

    /** A command running syslog-ng in the foreground, logging to stderr, with its state in {@code work}. */
    public ProcessBuilder command(Path config, Path work) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-F", "-e", "-f", config.toString(),
                "-R", work.resolve("syslog-ng.persist").toString(), "-p", work.resolve("syslog-ng.pid").toString(),
                "-c", work.resolve("syslog-ng.ctl").toString()));
        command.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * Writes a configuration reading each program's file from the start ({@code flags(no-parse)}:
     * the line is the message; {@code program-override}: the program) into {@code destination}, a
     * destination driver such as {@code network("127.0.0.1" port(5514))}.
     */
    public Path config(Map<String, Path> files, String destination, Path work) throws IOException {
        StringBuilder sources = new StringBuilder();
        files.forEach((program, file) -> sources.append("file(\"").append(file).append("\" follow-freq(0.1)")
                .append(" flags(no-parse) program-override(\"").append(program).append("\")); "));
        String conf;
        try (InputStream in = SyslogNg.class.getResourceAsStream("/syslog/syslog-ng.conf")) {
            conf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        conf = conf.replace("@INCLUDE@", includePath).replace("@SOURCES@", sources).replace("@DESTINATION@", destination);
        return Files.writeString(work.resolve("syslog-ng.conf"), conf);
    }

    private static SyslogNg unpacked(Path root) {
        String libraries = String.join(":", root.resolve("usr/lib/x86_64-linux-gnu").toString(),
                root.resolve("lib/x86_64-linux-gnu").toString(), root.resolve("usr/lib/syslog-ng").toString());
        String existing = System.getenv("LD_LIBRARY_PATH");
        return new SyslogNg(root.resolve("usr/sbin/syslog-ng"),
                Map.of("LD_LIBRARY_PATH", existing == null ? libraries : libraries + ":" + existing),
                List.of("--module-path=" + root.resolve("usr/lib/syslog-ng/3.38")),
                root.resolve("etc/syslog-ng") + ":" + root.resolve("usr/share/syslog-ng/include"));
    }

    /** apt-get download + dpkg -x into {@code root}; false when either is missing or fails. */
    private static boolean unpack(Path root) {
        try {
            Path debs = Files.createDirectories(root.resolveSibling(root.getFileName() + "-debs"));
            List<String> download = new ArrayList<>(List.of("apt-get", "download", "-q"));
            download.addAll(PACKAGES);
            if (!run(new ProcessBuilder(download).directory(debs.toFile()), debs.resolve("download.log"))) {
                return false;
            }
            Path staging = Files.createDirectories(root.resolveSibling(root.getFileName() + ".tmp"));
            try (Stream<Path> files = Files.list(debs)) {
                for (Path deb : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    if (!run(new ProcessBuilder("dpkg", "-x", deb.toString(), staging.toString()), debs.resolve("dpkg.log"))) {
                        return false;
                    }
                }
            }
            // Renamed into place only when complete, so a half-unpacked folder is never used.
            Files.move(staging, root);
            return Files.isExecutable(root.resolve("usr/sbin/syslog-ng"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean run(ProcessBuilder pb, Path log) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
