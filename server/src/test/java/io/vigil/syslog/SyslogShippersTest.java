package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real syslog clients against the real receiver: util-linux {@code logger}, rsyslog's
 * {@code omfwd} (plain and over TLS with its GnuTLS driver) and {@code openssl s_client} send the
 * {@link SyslogCorpus}, and the test checks every message arrived once with the fields its
 * program's parser gives; nginx logs its own requests and errors straight to syslog. A test is
 * skipped when its client is not installed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyslogShippersTest {
    static final int NGINX_LINES = 200;
    private static final Path LOGGER = Path.of("/usr/bin/logger");
    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    private final SyslogCorpus corpus = SyslogCorpus.load(NGINX_LINES);

    @ParameterizedTest(name = "logger --{0} --{1} {2}")
    @CsvSource({"tcp, rfc3164, ''", "tcp, rfc5424, ''", "tcp, rfc5424, --octet-count", "tcp, rfc3164, --octet-count",
        "udp, rfc3164, ''", "udp, rfc5424, ''"})
    void loggerShipsEveryLine(String transport, String format, String framing) throws Exception {
        assumeTrue(Files.isExecutable(LOGGER), "logger (bsdutils) is not installed");
        Map<String, Path> files = corpus.writeBodies(dir.resolve("in"));
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), SyslogFixture.plain())) {
            for (Map.Entry<String, Path> e : files.entrySet()) {
                List<String> command = new ArrayList<>(List.of(LOGGER.toString(), "-n", "127.0.0.1", "-P",
                        Integer.toString(f.port()), "--" + transport, "--" + format, "-t", e.getKey(), "-f", e.getValue().toString()));
                if (!framing.isEmpty()) {
                    command.add(framing);
                }
                run(command);
            }
            corpus.assertStoredIn(f);
            assertThat(f.counter("vigil.syslog.messages.received", "transport", transport)).isEqualTo(corpus.size());
        }
    }

    @ParameterizedTest(name = "rsyslog omfwd {0} {1} {2}")
    @CsvSource({"tcp, RSYSLOG_TraditionalForwardFormat, traditional", "tcp, RSYSLOG_SyslogProtocol23Format, octet-counted",
        "udp, RSYSLOG_TraditionalForwardFormat, traditional", "udp, RSYSLOG_SyslogProtocol23Format, traditional"})
    void rsyslogOmfwdShipsEveryLine(String protocol, String template, String framing) throws Exception {
        assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslog is not installed");
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), SyslogFixture.plain())) {
            rsyslog(f.port(), protocol, template, framing, "", "", f);
            assertThat(f.counter("vigil.syslog.messages.received", "transport", protocol)).isEqualTo(corpus.size());
        }
    }

    @Test
    void rsyslogShipsOverTlsCheckingTheCertificate() throws Exception {
        assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslog is not installed");
        assumeTrue(hasRsyslogModule("lmnsd_gtls.so"), "rsyslog-gnutls is not installed");
        SyslogServiceTest.Pem pem = SyslogServiceTest.Pem.selfSigned(dir.resolve("tls"), false);
        assumeTrue(pem != null, "openssl is not installed");
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), tlsConfig(pem))) {
            rsyslog(f.port(), "tcp", "RSYSLOG_SyslogProtocol23Format", "octet-counted",
                    "DefaultNetstreamDriverCAFile=\"" + pem.certificate() + "\"",
                    "StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\""
                            + " StreamDriverPermittedPeers=\"localhost\"", f);
            assertThat(f.counter("vigil.syslog.messages.received", "transport", "tls")).isEqualTo(corpus.size());
        }
    }

    @Test
    void opensslClientShipsLinesOverTls() throws Exception {
        SyslogServiceTest.Pem pem = SyslogServiceTest.Pem.selfSigned(dir.resolve("tls"), false);
        assumeTrue(pem != null, "openssl is not installed");
        List<String> lines = new ArrayList<>();
        for (SyslogCorpus.Message m : corpus.messages) {
            lines.add("<13>Nov 28 10:00:00 shipper " + m.program() + ": " + m.body());
        }
        Path input = Files.write(dir.resolve("lines.log"), lines);
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), tlsConfig(pem))) {
            // -ign_eof keeps the connection open after the input ends, so that nothing is cut short;
            // the test ends it once everything has arrived.
            Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + f.port(), "-quiet",
                    "-verify_return_error", "-CAfile", pem.certificate().toString(), "-verify_hostname", "localhost", "-ign_eof")
                    .redirectInput(input.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s_client.log").toFile()).start();
            try {
                corpus.assertStoredIn(f);
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(f.counter("vigil.syslog.messages.received", "transport", "tls")).isEqualTo(corpus.size());
        }
    }

    @Test
    void nginxLogsAccessAndErrorsStraightToSyslog() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
        Path base = Files.createDirectories(dir.resolve("nginx"));
        for (String d : List.of("tmp", "www", "www/static")) {
            Files.createDirectories(base.resolve(d));
        }
        Files.writeString(base.resolve("www/static/app.js"), "ok");
        int httpPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), SyslogFixture.plain())) {
            String conf = resource("nginx.conf").replace("@DIR@", base.toString())
                    .replace("@SYSLOG@", Integer.toString(f.port())).replace("@HTTP@", Integer.toString(httpPort));
            Path confFile = Files.writeString(base.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(NGINX.toString(), "-c", confFile.toString(), "-p", base.toString(), "-e", "stderr")
                    .redirectErrorStream(true).redirectOutput(base.resolve("nginx.out").toFile()).start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                URI root = URI.create("http://127.0.0.1:" + httpPort);
                awaitUp(client, root, p, base);
                int[] expected = new int[4];
                for (int i = 0; i < 100; i++) {
                    String path = List.of("/static/app.js", "/admin/login.php", "/api/v1/items?page=" + i, "/static/missing-" + i).get(i % 4);
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(root.resolve(path))
                            .header("User-Agent", "vigil-test/" + i).build(), HttpResponse.BodyHandlers.discarding());
                    expected[i % 4] += r.statusCode() == List.of(200, 403, 200, 404).get(i % 4) ? 1 : 0;
                }
                assertThat(expected).containsExactly(25, 25, 25, 25);
                // One access line per request (and the readiness request), one error line per missing file.
                assertThat(f.awaitCount("*", 126, java.time.Duration.ofSeconds(30))).isEqualTo(126);
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(f.count("event.dataset:nginx.access AND process.name:nginx AND source.ip:\"127.0.0.1\"")).isEqualTo(101);
            assertThat(f.count("event.dataset:nginx.access AND http.response.status_code:403 AND url.path:\"/admin/login.php\"")).isEqualTo(25);
            assertThat(f.count("event.dataset:nginx.access AND http.response.status_code:404 AND user_agent.original:vigil-test*")).isEqualTo(25);
            assertThat(f.count("event.dataset:nginx.error AND log.syslog.severity.name:Error AND message:missing")).isEqualTo(25);
            assertThat(f.count("tags:_parse_failure")).isZero();
        }
    }

    /** Waits until nginx answers (its readiness request is logged too). */
    private static void awaitUp(HttpClient client, URI root, Process p, Path base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(root.resolve("/api/ready")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nginx did not start: " + Files.readString(base.resolve("nginx.out")), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    static SyslogConfig tlsConfig(SyslogServiceTest.Pem pem) {
        SyslogConfig.Tls tls = new SyslogConfig.Tls(pem.certificate(), pem.key());
        return SyslogConfig.disabled().withListeners(List.of(new SyslogConfig.Listener(null, 0, false, tls, Map.of())));
    }

    /** Runs rsyslogd with the omfwd template until the corpus is stored, then stops it. */
    private void rsyslog(int port, String protocol, String template, String framing, String global, String tls,
                         SyslogFixture f) throws Exception {
        Path base = Files.createDirectories(dir.resolve("rsyslog"));
        Files.createDirectories(base.resolve("work"));
        StringBuilder inputs = new StringBuilder();
        for (Map.Entry<String, Path> e : corpus.writeBodies(base.resolve("in")).entrySet()) {
            inputs.append("input(type=\"imfile\" File=\"").append(e.getValue()).append("\" Tag=\"").append(e.getKey())
                    .append(":\" ruleset=\"to_vigil\")\n");
        }
        String conf = resource("rsyslog-omfwd.conf")
                .replace("@DIR@", base.toString()).replace("@PORT@", Integer.toString(port))
                .replace("@PROTOCOL@", protocol).replace("@TEMPLATE@", template).replace("@FRAMING@", framing)
                .replace("@GLOBAL@", global).replace("@TLS@", tls).replace("@INPUTS@", inputs);
        Path confFile = Files.writeString(base.resolve("rsyslog.conf"), conf);
        Process p = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", confFile.toString(), "-i", base.resolve("rsyslogd.pid").toString())
                .redirectOutput(base.resolve("out.log").toFile()).redirectError(base.resolve("err.log").toFile()).start();
        try {
            assertThat(p.waitFor(500, TimeUnit.MILLISECONDS)).as("rsyslogd exited at start").isFalse();
            corpus.assertStoredIn(f);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(base), e);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }

    static boolean hasRsyslogModule(String name) throws IOException {
        try (var files = Files.find(Path.of("/usr/lib"), 3, (path, attrs) -> path.getFileName().toString().equals(name))) {
            return files.findAny().isPresent();
        }
    }

    private static String diagnostics(Path base) throws IOException {
        StringBuilder b = new StringBuilder("rsyslog output:\n");
        for (String name : List.of("out.log", "err.log")) {
            File file = base.resolve(name).toFile();
            if (file.exists()) {
                b.append(name).append(":\n").append(Files.readString(file.toPath())).append('\n');
            }
        }
        return b.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SyslogShippersTest.class.getResourceAsStream("/syslog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
