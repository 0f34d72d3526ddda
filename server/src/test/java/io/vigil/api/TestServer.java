package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** A real Vigil server on a free port with known tokens, and a small HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String INGEST = "test-ingest-token";
    static final String API = "test-api-token";

    final VigilServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    TestServer(Path dir) throws IOException {
        this(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0));
    }

    TestServer(VigilConfig config) throws IOException {
        server = VigilServer.start(config, Map.of("VIGIL_INGEST_TOKEN", INGEST, "VIGIL_API_TOKEN", API),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> ingest(String type, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/ingest?type=" + type))
                .header("Authorization", "Bearer " + INGEST)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode search(String query) throws Exception {
        HttpResponse<String> r = searchRaw(query, "");
        if (r.statusCode() != 200) {
            throw new AssertionError("search " + query + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }

    HttpResponse<String> searchRaw(String query, String extra) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra))
                .header("Authorization", "Bearer " + API).GET());
    }

    JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + API)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        if (r.statusCode() != 200) {
            throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
