package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom parser types over HTTP against a real server: define, try, ingest, search, restart, delete. */
class ParserApiTest {
    @TempDir
    Path dir;
    TestServer vigil;

    @BeforeEach
    void start() throws Exception {
        vigil = new TestServer(dir);
    }

    @AfterEach
    void stop() throws Exception {
        vigil.close();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ParserApiTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        return vigil.send(HttpRequest.newBuilder(vigil.uri(path))
                .header("Authorization", "Bearer " + TestServer.API)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return EventJson.MAPPER.readTree(r.body());
    }

    private long hits(String query) throws Exception {
        vigil.server.store().refresh();
        return vigil.search(query).get("total").asLong();
    }

    @Test
    void definesTriesIngestsWithAndDeletesACustomParserThatSurvivesARestart() throws Exception {
        String definition = resource("/api/parsers/acme_app.json");
        HttpResponse<String> created = call("POST", "/api/v1/parsers", definition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/parsers/acme_app");

        JsonNode list = json(call("GET", "/api/v1/parsers", null));
        assertThat(list.get("built_in").toString()).contains("\"nginx\"", "\"json\"");
        assertThat(list.at("/custom/0/name").asText()).isEqualTo("acme_app");
        assertThat(json(call("GET", "/api/v1/parsers/acme_app", null)).at("/patterns/0").asText()).startsWith("^%{TIMESTAMP_ISO8601");
        assertThat(json(call("GET", "/api/v1/parsers/nginx", null)).get("built_in").asBoolean()).isTrue();

        // Try it on sample lines before sending any.
        String log = resource("/api/parsers/acme_app.log");
        ObjectNode test = EventJson.MAPPER.createObjectNode().put("type", "acme_app");
        log.lines().forEach(test.putArray("lines")::add);
        JsonNode results = json(call("POST", "/api/v1/parsers/test", test.toString())).get("results");
        assertThat(results).hasSize(3);
        assertThat(results.at("/0/parsed").asBoolean()).isTrue();
        assertThat(results.at("/0/fields/user.name").asText()).isEqualTo("alice");
        assertThat(results.at("/0/fields/acme.duration_ms").asLong()).isEqualTo(35);
        assertThat(results.at("/0/fields/@timestamp").asText()).isEqualTo("2026-11-27T10:00:00.123Z");
        assertThat(results.at("/2/line").asInt()).isEqualTo(3);
        assertThat(results.at("/2/parsed").asBoolean()).isFalse();
        assertThat(results.at("/2/reason").asText()).isEqualTo("the grok pattern did not match");

        // Usable for ingest at once, no restart.
        HttpResponse<String> ingested = vigil.ingest("acme_app", "text/plain", log.getBytes(StandardCharsets.UTF_8));
        assertThat(json(ingested).get("accepted").asLong()).isEqualTo(2);
        assertThat(json(ingested).get("failed").asLong()).isEqualTo(1);
        assertThat(hits("user.name:alice AND acme.duration_ms:[30 TO 40] AND event.dataset:acme.app")).isEqualTo(1);
        assertThat(hits("source.ip:\"2001:db8::/32\" AND event.category:authentication")).isEqualTo(1);
        assertThat(hits("tags:_parse_failure AND event.dataset:acme_app")).isEqualTo(1);

        // Still there after a restart.
        vigil.close();
        vigil = new TestServer(dir);
        assertThat(json(call("GET", "/api/v1/parsers/acme_app", null)).get("name").asText()).isEqualTo("acme_app");
        HttpResponse<String> again = vigil.ingest("acme_app", "text/plain", log.lines().findFirst().orElseThrow()
                .replace("Alice", "Carol").getBytes(StandardCharsets.UTF_8));
        assertThat(json(again).get("accepted").asLong()).isEqualTo(1);
        assertThat(hits("user.name:carol")).isEqualTo(1);

        HttpResponse<String> deleted = call("DELETE", "/api/v1/parsers/acme_app", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/parsers/acme_app", null).statusCode()).isEqualTo(404);
        assertThat(vigil.ingest("acme_app", "text/plain", log.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        vigil.close();
        vigil = new TestServer(dir);
        assertThat(json(call("GET", "/api/v1/parsers", null)).get("custom")).isEmpty();
        // Events stay when their parser goes: Alice and bob, then Carol after the restart.
        assertThat(hits("event.dataset:acme.app")).isEqualTo(3);
    }

    @Test
    void aReplacedDefinitionAppliesToTheNextIngestRequest() throws Exception {
        assertThat(call("POST", "/api/v1/parsers", "{\"name\": \"kv\", \"pattern\": \"^user=%{USERNAME:user.name}$\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> replaced = call("PUT", "/api/v1/parsers/kv",
                "{\"pattern\": \"^user=%{USERNAME:user.name}$\", \"mappings\": [{\"add\": \"event.kind\", \"value\": \"alert\"}]}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("name").asText()).isEqualTo("kv");
        vigil.ingest("kv", "text/plain", "user=dave\n".getBytes(StandardCharsets.UTF_8));
        assertThat(hits("user.name:dave AND event.kind:alert")).isEqualTo(1);
        assertThat(call("PUT", "/api/v1/parsers/kv", "{\"name\": \"other\", \"pattern\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/parsers/absent", "{\"pattern\": \"x\"}").statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/parsers/nginx", "{\"pattern\": \"x\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void answersConflictsAndListsEveryProblemOfABadDefinition() throws Exception {
        assertThat(call("POST", "/api/v1/parsers", "{\"name\": \"kv\", \"pattern\": \"x\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = call("POST", "/api/v1/parsers", "{\"name\": \"kv\", \"pattern\": \"y\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).contains("PUT /api/v1/parsers/kv");
        assertThat(call("POST", "/api/v1/parsers", "{\"name\": \"nginx\", \"pattern\": \"x\"}").statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/parsers/json", null).statusCode()).isEqualTo(409);

        HttpResponse<String> bad = call("POST", "/api/v1/parsers", """
                {"name": "bad", "patterns": ["%{IP:source.ip} %{FOO:x}", "(open"],
                 "mappings": [{"convert": "x", "to": "integer"}], "colour": "red"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode errors = json(bad).get("errors");
        assertThat(errors.toString()).contains(
                "{\"path\":\"colour\",\"position\":0,",
                "{\"path\":\"mappings[0]\",\"position\":0,\"reason\":\"cannot convert to 'integer': use int, float, ip or date\"}",
                "{\"path\":\"patterns[0]\",\"position\":17,\"reason\":\"unknown pattern %{FOO}\"}",
                "{\"path\":\"patterns[1]\",\"position\":1,\"reason\":\"invalid regular expression: end pattern with unmatched parenthesis\"}");
        assertThat(call("GET", "/api/v1/parsers/bad", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/parsers", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void triesAnUnsavedDefinitionOrABuiltInTypeOnSampleLines() throws Exception {
        JsonNode inline = json(call("POST", "/api/v1/parsers/test", """
                {"pattern": "^%{IP:source.ip} %{WORD:event.action}$", "mappings": [{"lowercase": "event.action"}],
                 "lines": ["10.0.0.1 DENY", "nope"]}"""));
        assertThat(inline.at("/results/0/fields/event.action").asText()).isEqualTo("deny");
        assertThat(inline.at("/results/0/fields/event.dataset").asText()).isEqualTo("parser_test");
        assertThat(inline.at("/results/1/parsed").asBoolean()).isFalse();
        assertThat(call("GET", "/api/v1/parsers/parser_test", null).statusCode()).isEqualTo(404);

        JsonNode nginx = json(call("POST", "/api/v1/parsers/test", "{\"type\": \"nginx\", \"lines\": ["
                + EventJson.MAPPER.writeValueAsString(IngestApiTest.GOOD) + "]}"));
        assertThat(nginx.at("/results/0/fields/http.response.status_code").asLong()).isEqualTo(401);

        HttpResponse<String> bad = call("POST", "/api/v1/parsers/test", "{\"pattern\": \"%{NOPE}\", \"lines\": [\"x\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/errors/0/reason").asText()).isEqualTo("unknown pattern %{NOPE}");
        assertThat(call("POST", "/api/v1/parsers/test", "{\"type\": \"nginx\", \"pattern\": \"x\", \"lines\": [\"x\"]}")
                .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/parsers/test", "{\"type\": \"nosuch\", \"lines\": [\"x\"]}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/parsers/test", "{\"type\": \"nginx\", \"lines\": []}").statusCode()).isEqualTo(400);
    }

    @Test
    void anIngestTokenCannotChangeParsers() throws Exception {
        HttpResponse<String> r = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/parsers"))
                .header("Authorization", "Bearer " + TestServer.INGEST)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"kv\", \"pattern\": \"x\"}")));
        assertThat(r.statusCode()).isEqualTo(403);
    }
}
