package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver inside the whole server: syslog events are searchable over the API, detection runs
 * on them as on HTTP ingest, and {@code /metrics} counts them.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyslogServerTest {
    private static final String INGEST = "syslog-ingest-token";
    private static final String API = "syslog-api-token";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void detectsOnSyslogEventsAndCountsThemInMetrics() throws Exception {
        Path logger = Path.of("/usr/bin/logger");
        assumeTrue(Files.isExecutable(logger), "logger (bsdutils) is not installed");
        Path yaml = Files.writeString(dir.resolve("vigil.yml"), "syslog:\n  port: 0\n  listeners:\n    - port: 1\n");
        VigilConfig config = VigilConfig.defaults().withYaml(yaml).withDataDir(dir.resolve("data")).withHttp("127.0.0.1", 0);
        SyslogConfig syslog = SyslogConfig.disabled().withListeners(List.of(SyslogConfig.Listener.plain(0)));
        try (VigilServer server = VigilServer.start(config, syslog, Map.of("VIGIL_INGEST_TOKEN", INGEST, "VIGIL_API_TOKEN", API),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            get(server, "/api/v1/search?q=*"); // first search before first append: see ElasticShippersTest
            Process p = new ProcessBuilder(logger.toString(), "-n", "127.0.0.1", "-P", server.syslogPorts().get(0).toString(),
                    "--tcp", "--rfc5424", "-t", "sshd", "--id=2100",
                    "Accepted publickey for root from 198.51.100.31 port 50100 ssh2: ED25519 SHA256:q7Xc0mJb8c2VbXQy9n3Lr4pXv1o8d5PZ0uVb2wHk3sE")
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();

            JsonNode events = awaitTotal(server, "/api/v1/events?rule=ssh-root-login");
            assertThat(events.get("total").asLong()).as("a security event from a syslog line").isEqualTo(1);
            // The security event is raised before the log event is searchable (near-real-time refresh).
            JsonNode hits = awaitTotal(server, "/api/v1/search?q=" + URLEncoder.encode(
                    "event.action:ssh_login AND user.name:root AND process.pid:2100 AND log.syslog.version:1", StandardCharsets.UTF_8));
            assertThat(hits.get("total").asLong()).isEqualTo(1);
            String metrics = text(server, "/metrics");
            assertThat(metrics).contains("vigil_syslog_messages_received_total{transport=\"tcp\"} 1.0")
                    .contains("vigil_syslog_messages_stored_total{transport=\"tcp\"} 1.0")
                    .contains("vigil_syslog_messages_dropped_total{reason=\"queue_full\",transport=\"udp\"} 0.0")
                    .contains("vigil_events_accepted_total{type=\"syslog\"} 1.0");
        }
    }

    private JsonNode awaitTotal(VigilServer server, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode r = get(server, path);
        while (r.get("total").asLong() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get(server, path);
        }
        return r;
    }

    private JsonNode get(VigilServer server, String path) throws Exception {
        return EventJson.MAPPER.readTree(text(server, path));
    }

    private String text(VigilServer server, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + API).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
