package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilConfig;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dashboards as data over the real API: the built-in set, clone and edit, validation, panel data. */
class DashboardRoutesTest {
    @TempDir
    static Path dir;
    static WebTestServer vigil;

    @BeforeAll
    static void start() throws Exception {
        vigil = new WebTestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0));
        StringBuilder lines = new StringBuilder();
        Instant now = Instant.now();
        for (int i = 0; i < 30; i++) {
            lines.append(String.format("{\"@timestamp\": \"%s\", \"message\": \"m\", \"event\": {\"dataset\": \"nginx.access\"},"
                    + " \"source\": {\"ip\": \"198.51.100.%d\", \"geo\": {\"country_iso_code\": \"%s\"}}}%n",
                    now.minusSeconds(60L * i + 5), i % 3, i % 2 == 0 ? "DE" : "FR"));
        }
        assertThat(vigil.ingest("json", lines.toString()).statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        // Stored events become searchable within a second (the refresh interval), not at once.
        while (vigil.apiJson("GET", "/api/v1/search?size=0&q=*", null, 200).get("total").asLong() < 30 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        vigil.close();
    }

    @Test
    void theBuiltInDashboardsAreListedAndReadOnly() throws Exception {
        JsonNode list = vigil.apiJson("GET", "/api/v1/dashboards", null, 200).get("dashboards");
        assertThat(list.findValuesAsText("id")).containsExactly("web-traffic", "ssh-host-auth", "aws-cloudtrail",
                "firewall-vpc", "gdpr", "pci-dss");
        assertThat(list.findValuesAsText("built_in")).containsOnly("true");
        JsonNode pci = vigil.apiJson("GET", "/api/v1/dashboards/pci-dss", null, 200);
        assertThat(pci.get("panels").toString()).contains("tags:pci_dss*", "security_events");
        assertThat(vigil.api("PUT", "/api/v1/dashboards/pci-dss", pci.toString()).statusCode()).isEqualTo(409);
        assertThat(vigil.api("DELETE", "/api/v1/dashboards/pci-dss", null).statusCode()).isEqualTo(409);
    }

    @Test
    void aClonedDashboardCanBeEditedAndDeleted() throws Exception {
        JsonNode copy = vigil.apiJson("POST", "/api/v1/dashboards/web-traffic/clone", "{\"title\": \"Our web\"}", 201);
        String id = copy.get("id").asText();
        assertThat(id).startsWith("web-traffic-copy");
        assertThat(copy.get("built_in").asBoolean()).isFalse();
        String edited = copy.toString().replace("\"Requests\"", "\"All requests\"");
        assertThat(vigil.apiJson("PUT", "/api/v1/dashboards/" + id, edited, 200).at("/panels/0/title").asText()).isEqualTo("All requests");
        assertThat(vigil.apiJson("GET", "/api/v1/dashboards/" + id, null, 200).get("title").asText()).isEqualTo("Our web");
        assertThat(vigil.api("DELETE", "/api/v1/dashboards/" + id, null).statusCode()).isEqualTo(204);
        assertThat(vigil.api("GET", "/api/v1/dashboards/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidDashboardIsRefusedWithEveryProblem() throws Exception {
        JsonNode error = vigil.apiJson("POST", "/api/v1/dashboards", """
                {"id": "Bad Id", "title": "", "colour": "red", "panels": [
                  {"title": "x", "query": "", "aggregation": {"type": "terms"}, "chart": "line"},
                  {"title": "y", "index": "elsewhere", "aggregation": {"type": "count"}, "chart": "sparkline"}]}""", 400);
        assertThat(error.get("problems").toString()).contains("id:", "title: required", "colour: unknown key",
                "panels[0].aggregation.field: required", "panels[0].chart: a terms cannot be drawn as line",
                "panels[1].index", "panels[1].chart: one of");
    }

    @Test
    void panelsAnswerInTheShapeTheirChartNeeds() throws Exception {
        JsonNode terms = vigil.apiJson("POST", "/api/v1/panels/query", """
                {"panel": {"title": "t", "query": "event.dataset:nginx.access", "chart": "table",
                 "aggregation": {"type": "terms", "field": "source.ip", "size": 5, "details": ["source.geo.country_iso_code"]}},
                 "from": "now-1h"}""", 200);
        assertThat(terms.get("total").asLong()).isEqualTo(30);
        assertThat(terms.get("buckets")).hasSize(3);
        JsonNode top = terms.at("/buckets/0");
        assertThat(top.get("count").asLong()).isEqualTo(10);
        assertThat(top.get("first_seen").asText()).isLessThan(top.get("last_seen").asText());
        assertThat(top.at("/details/source.geo.country_iso_code").asText()).isIn("DE", "FR");

        JsonNode histogram = vigil.apiJson("POST", "/api/v1/panels/query", """
                {"panel": {"title": "h", "chart": "line", "aggregation": {"type": "date_histogram", "split": "source.geo.country_iso_code"}},
                 "from": "now-1h", "to": "now"}""", 200);
        assertThat(histogram.get("interval_ms").asLong()).isEqualTo(60_000);
        assertThat(histogram.get("series").findValuesAsText("name")).containsExactlyInAnyOrder("DE", "FR");
        long sum = 0;
        for (JsonNode s : histogram.get("series")) {
            for (JsonNode p : s.get("points")) {
                sum += p.get(1).asLong();
            }
        }
        assertThat(sum).isEqualTo(30);

        JsonNode count = vigil.apiJson("POST", "/api/v1/panels/query", """
                {"panel": {"title": "n", "index": "security_events", "chart": "number", "aggregation": {"type": "count"}}}""", 200);
        assertThat(count.get("value").asLong()).isZero();
        JsonNode bad = vigil.apiJson("POST", "/api/v1/panels/query", """
                {"panel": {"title": "n", "query": "source.ip:(", "chart": "number", "aggregation": {"type": "count"}}}""", 400);
        assertThat(bad.get("error").asText()).isNotBlank();
    }
}
