package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules and security events over the real API: the seed rule end to end, management, triage. */
class RulesAndEventsApiTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

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

    private static String denied(String ip, Instant t) {
        return ip + " - - [" + CLF.format(t) + "] \"POST /login HTTP/1.1\" 401 17 \"-\" \"hydra\"\n";
    }

    private void ingestDenied(String ip, Instant start, int n) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append(denied(ip, start.plusSeconds(i * 10L)));
        }
        HttpResponse<String> r = vigil.ingest("nginx", "text/plain", body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = vigil.send(HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + TestServer.API).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return vigil.send(HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + TestServer.API)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void theSeedRuleRaisesOneSecurityEventPerClientAndMergesRepeatsWithinTheThrottle() throws Exception {
        Instant t = Instant.now().minusSeconds(600);
        ingestDenied("203.0.113.66", t, 5);
        assertThat(get("/api/v1/events?rule=nginx-401-403-burst").get("total").asLong()).isZero();
        long before = System.nanoTime();
        ingestDenied("203.0.113.66", t.plusSeconds(60), 1);
        JsonNode events = get("/api/v1/events?rule=nginx-401-403-burst");
        long detectionMillis = (System.nanoTime() - before) / 1_000_000;
        assertThat(events.get("total").asLong()).isEqualTo(1);
        JsonNode e = events.at("/events/0");
        assertThat(e.at("/rule/id").asText()).isEqualTo("nginx-401-403-burst");
        assertThat(e.at("/group/source.ip").asText()).isEqualTo("203.0.113.66");
        assertThat(e.get("count").asLong()).isEqualTo(6);
        assertThat(e.get("severity").asText()).isEqualTo("medium");
        assertThat(e.get("status").asText()).isEqualTo("open");
        assertThat(detectionMillis).as("visible within a second of the ingest answer").isLessThan(1000);

        ingestDenied("203.0.113.66", t.plusSeconds(70), 3);
        events = get("/api/v1/events?rule=nginx-401-403-burst");
        assertThat(events.get("total").asLong()).as("same episode").isEqualTo(1);
        assertThat(events.at("/events/0/count").asLong()).isEqualTo(9);

        JsonNode detail = get("/api/v1/events/" + e.get("id").asText());
        assertThat(detail.get("contributing_events")).hasSize(9);
        assertThat(detail.at("/contributing_events/0/source/ip").asText()).isEqualTo("203.0.113.66");

        HttpResponse<String> patched = send("PATCH", "/api/v1/events/" + e.get("id").asText(),
                "{\"status\": \"acknowledged\", \"assignee\": \"alice\", \"comment\": \"looking\", \"author\": \"alice\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode acked = get("/api/v1/events?status=acknowledged");
        assertThat(acked.get("total").asLong()).isEqualTo(1);
        assertThat(acked.at("/events/0/assignee").asText()).isEqualTo("alice");
        assertThat(acked.at("/events/0/comments/0/text").asText()).isEqualTo("looking");
        assertThat(send("PATCH", "/api/v1/events/" + e.get("id").asText(), "{\"status\": \"done\"}").statusCode()).isEqualTo(400);
        // Security events are searchable with Lucene syntax like logs.
        assertThat(get("/api/v1/events?q=" + java.net.URLEncoder.encode("group.source.ip:\"203.0.113.0/24\" AND count:>5",
                StandardCharsets.UTF_8)).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void rulesCanBeListedFilteredTunedDisabledResetAndPreviewed() throws Exception {
        JsonNode all = get("/api/v1/rules");
        assertThat(all.get("total").asLong()).isPositive();
        assertThat(get("/api/v1/rules?q=401&severity=medium&source=nginx.access").get("rules"))
                .anySatisfy(r -> assertThat(r.get("id").asText()).isEqualTo("nginx-401-403-burst"));

        JsonNode rule = get("/api/v1/rules/nginx-401-403-burst");
        String tuned = rule.toString().replace("\"window\":\"5m\"", "\"window\":\"10m\"");
        JsonNode updated = EventJson.MAPPER.readTree(send("PUT", "/api/v1/rules/nginx-401-403-burst", tuned).body());
        assertThat(updated.get("tuned").asBoolean()).isTrue();
        assertThat(updated.at("/changes/window/built_in").asText()).isEqualTo("5m");
        assertThat(updated.at("/changes/window/now").asText()).isEqualTo("10m");

        assertThat(send("POST", "/api/v1/rules/nginx-401-403-burst/disable", null).statusCode()).isEqualTo(200);
        Instant t = Instant.now().minusSeconds(300);
        ingestDenied("198.51.100.77", t, 8);
        assertThat(get("/api/v1/events?rule=nginx-401-403-burst").get("total").asLong()).as("disabled").isZero();

        JsonNode preview = EventJson.MAPPER.readTree(send("POST", "/api/v1/rules/preview",
                "{\"id\": \"nginx-401-403-burst\", \"from\": \"now-1h\", \"to\": \"now\"}").body());
        assertThat(preview.get("signals").asLong()).as("preview finds what the disabled rule missed").isPositive();
        assertThat(preview.at("/firings/0/group/source.ip").asText()).isEqualTo("198.51.100.77");

        JsonNode reset = EventJson.MAPPER.readTree(send("POST", "/api/v1/rules/nginx-401-403-burst/reset", null).body());
        assertThat(reset.get("tuned").asBoolean()).isFalse();
        assertThat(reset.get("enabled").asBoolean()).isTrue();
        assertThat(send("DELETE", "/api/v1/rules/nginx-401-403-burst", null).statusCode()).isEqualTo(400);
    }

    @Test
    void customRulesAreValidatedCreatedAndSurviveARestart() throws Exception {
        HttpResponse<String> bad = send("POST", "/api/v1/rules",
                "{\"id\": \"Bad\", \"severity\": \"urgent\", \"type\": \"threshold\", \"query\": \"a:[1 TO\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode problems = EventJson.MAPPER.readTree(bad.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("id", "title", "severity", "query", "threshold", "window");

        String rule = """
                {"id": "admin-probe", "title": "Admin probe", "severity": "low", "query": "url.path:\\\\/admin*",
                 "type": "match", "group_by": ["source.ip"], "tags": ["attack.discovery"]}""";
        assertThat(send("POST", "/api/v1/rules", rule).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/rules", rule).statusCode()).isEqualTo(400);
        vigil.ingest("nginx", "text/plain", ("192.0.2.5 - - [" + CLF.format(Instant.now()) + "] \"GET /admin/x HTTP/1.1\" 404 1 \"-\" \"x\"\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/v1/events?rule=admin-probe").get("total").asLong()).isEqualTo(1);

        vigil.close();
        vigil = new TestServer(dir);
        assertThat(get("/api/v1/rules/admin-probe").get("builtin").asBoolean()).isFalse();
        HttpResponse<String> yaml = vigil.send(HttpRequest.newBuilder(vigil.uri("/api/v1/rules/export"))
                .header("Authorization", "Bearer " + TestServer.API).GET());
        assertThat(yaml.body()).contains("id: admin-probe").contains("id: nginx-401-403-burst");
        assertThat(send("DELETE", "/api/v1/rules/admin-probe", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/rules/admin-probe", null).statusCode()).isEqualTo(404);
    }
}
