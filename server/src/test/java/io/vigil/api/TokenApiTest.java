package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.state.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens made and revoked through the API: shown once, stored hashed, effective at once, kept across restarts. */
class TokenApiTest {
    @TempDir
    Path dir;

    @Test
    void aNewIngestTokenSendsEventsOnlyAndStopsWorkingWhenRevoked() throws Exception {
        try (TestServer vigil = new TestServer(dir)) {
            assertThat(call(vigil, "POST", "/api/v1/tokens", TestServer.INGEST, "{\"name\": \"x\", \"kind\": \"ingest\"}").statusCode())
                    .as("an ingest token cannot make tokens").isEqualTo(403);

            HttpResponse<String> made = call(vigil, "POST", "/api/v1/tokens", TestServer.API,
                    "{\"name\": \"filebeat-web-1\", \"kind\": \"ingest\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            JsonNode token = EventJson.MAPPER.readTree(made.body());
            String secret = token.get("token").asText();
            String id = token.get("id").asText();
            assertThat(secret).startsWith("vgi_").hasSize(4 + 43);
            assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");

            HttpResponse<String> sent = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/ingest?type=json"))
                    .header("Authorization", "Bearer " + secret).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"hello\"}\n")));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(call(vigil, "GET", "/api/v1/search?q=*", secret, null).statusCode()).as("ingest only").isEqualTo(403);

            JsonNode listed = EventJson.MAPPER.readTree(call(vigil, "GET", "/api/v1/tokens", TestServer.API, null).body());
            assertThat(listed.get("tokens").findValuesAsText("name")).contains("filebeat-web-1", "VIGIL_API_TOKEN");
            assertThat(listed.toString()).doesNotContain(secret).doesNotContain(Tokens.sha256(secret));
            String stored = Files.readString(dir.resolve("state/tokens.json"), StandardCharsets.UTF_8);
            assertThat(stored).doesNotContain(secret).contains(Tokens.sha256(secret)).doesNotContain(TestServer.API);

            assertThat(call(vigil, "DELETE", "/api/v1/tokens/" + id, TestServer.API, null).statusCode()).isEqualTo(204);
            assertThat(call(vigil, "GET", "/api/v1/tokens", secret, null).statusCode()).as("revoked at once").isEqualTo(401);
            assertThat(call(vigil, "DELETE", "/api/v1/tokens/" + id, TestServer.API, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void refusesWhatWouldLockTheApiOutOrCannotBeUndone() throws Exception {
        try (TestServer vigil = new TestServer(dir)) {
            JsonNode listed = EventJson.MAPPER.readTree(call(vigil, "GET", "/api/v1/tokens", TestServer.API, null).body());
            String envApi = null;
            for (JsonNode t : listed.get("tokens")) {
                if (t.get("name").asText().equals("VIGIL_API_TOKEN")) {
                    envApi = t.get("id").asText();
                    assertThat(t.get("from_environment").asBoolean()).isTrue();
                }
            }
            HttpResponse<String> env = call(vigil, "DELETE", "/api/v1/tokens/" + envApi, TestServer.API, null);
            assertThat(env.statusCode()).isEqualTo(409);
            assertThat(env.body()).contains("environment");
            HttpResponse<String> badKind = call(vigil, "POST", "/api/v1/tokens", TestServer.API, "{\"name\": \"a\", \"kind\": \"root\"}");
            assertThat(badKind.statusCode()).isEqualTo(400);
            assertThat(badKind.body()).contains("kind must be");
            assertThat(call(vigil, "POST", "/api/v1/tokens", TestServer.API, "{\"name\": \" \", \"kind\": \"api\"}").statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void aNewApiTokenSurvivesARestart() throws Exception {
        String secret;
        try (TestServer vigil = new TestServer(dir)) {
            HttpResponse<String> made = call(vigil, "POST", "/api/v1/tokens", TestServer.API, "{\"name\": \"ci\", \"kind\": \"api\"}");
            secret = EventJson.MAPPER.readTree(made.body()).get("token").asText();
        }
        try (TestServer again = new TestServer(dir)) {
            assertThat(call(again, "GET", "/api/v1/search?q=*", secret, null).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> call(TestServer vigil, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return vigil.send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }
}
