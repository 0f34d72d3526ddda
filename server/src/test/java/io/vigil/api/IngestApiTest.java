package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest over HTTP against a real server: formats, bad input, limits, credentials. */
class IngestApiTest {
    static final String GOOD = "203.0.113.9 - - [27/Nov/2026:10:00:00 +0000] \"GET /login HTTP/1.1\" 401 12 \"-\" \"curl/8\"";

    @TempDir
    Path dir;
    TestServer vigil;

    @BeforeEach
    void start() throws Exception {
        vigil = new TestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0)
                .withIngestLimits(10L * 1024 * 1024, 1024 * 1024, 1, Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() throws Exception {
        vigil.close();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return EventJson.MAPPER.readTree(r.body());
    }

    @Test
    void keepsUnparsableLinesWithTheirRawTextAndAReason() throws Exception {
        String body = GOOD + "\nthis is not an access log line\n\n" + GOOD + "\n";
        HttpResponse<String> r = vigil.ingest("nginx", "text/plain", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json(r);
        assertThat(answer.get("accepted").asLong()).isEqualTo(2);
        assertThat(answer.get("failed").asLong()).isEqualTo(1);
        assertThat(answer.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(answer.get("errors").get(0).get("reason").asText()).contains("not an access log line");
        vigil.server.store().refresh();
        JsonNode failed = vigil.search("tags:_parse_failure");
        assertThat(failed.get("total").asLong()).isEqualTo(1);
        assertThat(failed.at("/hits/0/message").asText()).isEqualTo("this is not an access log line");
        assertThat(failed.at("/hits/0/error/message").asText()).contains("not an access log line");
    }

    @Test
    void acceptsNdjsonAndGzip() throws Exception {
        String ndjson = "{\"@timestamp\":\"2026-11-27T10:00:00Z\",\"message\":\"hello\",\"source\":{\"ip\":\"198.51.100.7\"},\"n\":3}\n"
                + "{not json}\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(ndjson.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/ingest?type=json"))
                .header("Authorization", "Bearer " + TestServer.INGEST)
                .header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())));
        assertThat(json(r).get("accepted").asLong()).isEqualTo(1);
        assertThat(json(r).get("failed").asLong()).isEqualTo(1);
        vigil.server.store().refresh();
        assertThat(vigil.search("source.ip:\"198.51.100.0/24\" AND n:[3 TO 3]").get("total").asLong()).isEqualTo(1);
        // An nginx line wrapped in a shipper's JSON envelope is parsed, its other fields kept.
        String wrapped = "{\"message\":" + EventJson.MAPPER.writeValueAsString(GOOD) + ",\"host\":{\"name\":\"web-1\"}}\n";
        r = vigil.ingest("nginx", "application/x-ndjson", wrapped.getBytes(StandardCharsets.UTF_8));
        assertThat(json(r).get("accepted").asLong()).isEqualTo(1);
        vigil.server.store().refresh();
        assertThat(vigil.search("host.name:web-1 AND http.response.status_code:401").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void survivesGarbageInvalidUtf8AndHugeLines() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        HttpResponse<String> r = vigil.ingest("nginx", "text/plain", garbage);
        assertThat(r.statusCode()).isEqualTo(200);
        long lines = json(r).get("accepted").asLong() + json(r).get("failed").asLong();
        assertThat(lines).isPositive();

        byte[] invalid = (GOOD.replace("curl/8", "curl/\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1);
        r = vigil.ingest("nginx", "text/plain", invalid);
        assertThat(json(r).get("accepted").asLong()).isEqualTo(1);

        char[] big = new char[1_000_000];
        Arrays.fill(big, 'x');
        r = vigil.ingest("nginx", "text/plain", new String(big).getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("failed").asLong()).isEqualTo(1);

        vigil.server.store().refresh();
        assertThat(vigil.search("tags:_encoding_failure AND http.response.status_code:401").get("total").asLong()).isEqualTo(1);
        assertThat(vigil.search("*").get("total").asLong()).isEqualTo(lines + 2);
    }

    @Test
    void refusesBodiesOverTheLimitWith413AndStoresNothing() throws Exception {
        // Declared too large: refused before the body is read.
        assertThat(rawStatus("Content-Length: " + (20 * 1024 * 1024), new byte[0])).isEqualTo(413);
        // Chunked, so the size is only known while reading: 11 MiB of lines, then the answer.
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = (GOOD + "\n").repeat(1024 * 1024 / (GOOD.length() + 1) + 1).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 11; i++) {
            chunked.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(chunk);
            chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(rawStatus("Transfer-Encoding: chunked", chunked.toByteArray())).isEqualTo(413);
        // A gzip bomb: small on the wire, far larger than allowed once decoded.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 170; i++) {
                out.write(zeros);
            }
        }
        HttpResponse<String> bomb = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/ingest?type=nginx"))
                .header("Authorization", "Bearer " + TestServer.INGEST)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())));
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(json(bomb).get("error").asText()).contains("exceeds");
        vigil.server.store().refresh();
        assertThat(vigil.search("*").get("total").asLong()).isZero();
    }

    /** Sends an ingest request over a raw socket and answers the HTTP status code. */
    private int rawStatus(String framingHeader, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", vigil.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ingest?type=nginx HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.INGEST
                    + "\r\nContent-Type: text/plain\r\n" + framingHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (java.io.IOException answeredEarly) {
                // The server may answer and close before reading everything; read what it said.
            }
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void answers429WhenThePipelineIsFull() throws Exception {
        // Hold the only ingest slot with a request whose body arrives slowly.
        try (Socket slow = new Socket("127.0.0.1", vigil.server.port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/ingest?type=nginx HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.INGEST
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n" + GOOD + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            HttpResponse<String> r = vigil.ingest("nginx", "text/plain", (GOOD + "\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
        }
        // Once the slot is free again the same request succeeds.
        Thread.sleep(200);
        HttpResponse<String> retry = vigil.ingest("nginx", "text/plain", (GOOD + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(retry.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTypeNamesTheKnownOnes() throws Exception {
        HttpResponse<String> r = vigil.ingest("nosuch", "text/plain", GOOD.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("nosuch").contains("nginx").contains("json");
    }

    @Test
    void everyRouteButHealthNeedsTheRightToken() throws Exception {
        assertThat(vigil.send(HttpRequest.newBuilder(vigil.uri("/health")).GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> none = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/search?q=*")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("error").asText()).contains("Authorization");
        HttpResponse<String> wrong = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/search?q=*"))
                .header("Authorization", "Bearer nope").GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> ingestOnSearch = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/search?q=*"))
                .header("Authorization", "Bearer " + TestServer.INGEST).GET());
        assertThat(ingestOnSearch.statusCode()).isEqualTo(403);
        HttpResponse<String> noTokenIngest = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/ingest?type=nginx"))
                .POST(HttpRequest.BodyPublishers.ofString(GOOD)));
        assertThat(noTokenIngest.statusCode()).isEqualTo(401);
        assertThat(vigil.send(HttpRequest.newBuilder(vigil.uri("/metrics")).GET()).statusCode()).isEqualTo(401);
        assertThat(vigil.send(HttpRequest.newBuilder(vigil.uri("/nowhere")).GET()).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = vigil.send(HttpRequest.newBuilder(vigil.uri("/metrics"))
                .header("Authorization", "Bearer " + TestServer.API).GET());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("vigil_ingest_queue_depth").contains("vigil_index_refresh_lag_seconds");
    }

    @Test
    void generatesTokensOnceStoresOnlyHashesAndWritesThemPrivately(@TempDir Path fresh) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        VigilConfig config = VigilConfig.defaults().withDataDir(fresh).withHttp("127.0.0.1", 0);
        String ingestToken;
        try (var server = io.vigil.server.VigilServer.start(config, Map.of(), new java.io.PrintStream(console, true, StandardCharsets.UTF_8))) {
            Path credentials = fresh.resolve("credentials");
            assertThat(Files.getPosixFilePermissions(credentials))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String text = Files.readString(credentials);
            ingestToken = text.lines().filter(l -> l.startsWith("VIGIL_INGEST_TOKEN=")).findFirst().orElseThrow().substring(19);
            String apiToken = text.lines().filter(l -> l.startsWith("VIGIL_API_TOKEN=")).findFirst().orElseThrow().substring(16);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains(ingestToken).contains(apiToken);
            String stored = Files.readString(fresh.resolve("state/tokens.json"));
            assertThat(stored).doesNotContain(ingestToken).doesNotContain(apiToken)
                    .contains(io.vigil.state.Tokens.sha256(apiToken));
            var r = vigil.client.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/fields"))
                    .header("Authorization", "Bearer " + apiToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        console.reset();
        try (var again = io.vigil.server.VigilServer.start(config, Map.of(), new java.io.PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(ingestToken).doesNotContain("Generated");
        }
    }
}
