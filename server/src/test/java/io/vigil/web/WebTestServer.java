package io.vigil.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A real Vigil server with known tokens and admin password, and plain HTTP calls to it (no cookie jar). */
final class WebTestServer implements AutoCloseable {
    static final String INGEST = "web-test-ingest-token";
    static final String API = "web-test-api-token";
    static final String PASSWORD = "correct horse battery";

    final VigilServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    WebTestServer(VigilConfig config) throws IOException {
        server = VigilServer.start(config, Map.of("VIGIL_INGEST_TOKEN", INGEST, "VIGIL_API_TOKEN", API,
                "VIGIL_ADMIN_PASSWORD", PASSWORD), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String password) throws Exception {
        return send(request("/api/v1/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + password + "\"}")));
    }

    /** The session cookie pair ({@code vigil_session=...}) from a sign-in answer. */
    static String cookie(HttpResponse<?> signIn) {
        String header = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    /** Calls with the API token. */
    HttpResponse<String> api(String method, String path, String json) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + API).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode apiJson(String method, String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> r = api(method, path, json);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ", expected " + expectedStatus + ": " + r.body());
        }
        return r.body().isEmpty() ? null : EventJson.MAPPER.readTree(r.body());
    }

    HttpResponse<String> ingest(String type, String body) throws Exception {
        return send(request("/api/v1/ingest?type=" + type).header("Authorization", "Bearer " + INGEST)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
