package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Elasticsearch-compatible API against a real server: shape, routing, bodies, credentials. */
class ElasticApiTest {
    static final String BEARER = "Bearer " + TestServer.INGEST;

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

    private HttpResponse<String> call(String method, String path, String authorization, String contentType, byte[] body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(vigil.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return vigil.send(b);
    }

    private HttpResponse<String> bulk(String path, String contentType, byte[] body) throws Exception {
        return call("POST", path, BEARER, contentType, body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ElasticApiTest.class.getResourceAsStream("/elastic/" + name)) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return EventJson.MAPPER.readTree(r.body());
    }

    private long count(String query) throws Exception {
        vigil.server.store().refresh();
        return vigil.search(query).get("total").asLong();
    }

    @Test
    void answersClusterInfoWithTheProductHeader() throws Exception {
        HttpResponse<String> r = call("GET", "/", BEARER, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode info = json(r);
        assertThat(info.get("cluster_name").asText()).isNotBlank();
        assertThat(info.get("cluster_uuid").asText()).isNotBlank();
        assertThat(info.get("name").asText()).isNotBlank();
        assertThat(info.get("tagline").asText()).isEqualTo("You Know, for Search");
        assertThat(info.at("/version/number").asText()).isEqualTo("8.11.0");
        assertThat(info.at("/version/build_flavor").asText()).isEqualTo("default");
        assertThat(info.at("/version/lucene_version").asText()).isNotBlank();
        assertThat(info.at("/version/minimum_wire_compatibility_version").asText()).isNotBlank();

        HttpResponse<String> head = call("HEAD", "/", BEARER, null, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
        assertThat(head.body()).isEmpty();

        HttpResponse<String> compatible = call("GET", "/", BEARER, null, null,
                "Accept", "application/vnd.elasticsearch+json; compatible-with=8");
        assertThat(compatible.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/vnd.elasticsearch+json;compatible-with=8"));
    }

    @Test
    void bulkAnswers200WithPerItemResultsAndStoresOnlyGoodDocuments() throws Exception {
        HttpResponse<String> r = bulk("/_bulk", "application/x-ndjson", resource("mixed.ndjson"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
        JsonNode answer = json(r);
        assertThat(answer.get("errors").asBoolean()).isTrue();
        assertThat(answer.get("took").isIntegralNumber()).isTrue();
        List<String> items = new ArrayList<>();
        for (JsonNode item : answer.get("items")) {
            String op = item.fieldNames().next();
            JsonNode result = item.get(op);
            items.add(op + " " + result.get("status").asInt() + " " + result.path("error").path("type").asText("-"));
        }
        assertThat(items).containsExactly(
                "index 201 -",
                "create 201 -",
                "delete 400 illegal_argument_exception",
                "index 400 document_parsing_exception",
                "index 400 illegal_argument_exception",
                "index 400 action_request_validation_exception");
        JsonNode first = answer.at("/items/0/index");
        assertThat(first.get("_index").asText()).isEqualTo("app");
        assertThat(first.get("_id").asText()).isEqualTo("a1");
        assertThat(first.get("_version").asInt()).isEqualTo(1);
        assertThat(first.get("result").asText()).isEqualTo("created");
        assertThat(first.at("/_shards/successful").asInt()).isEqualTo(1);
        assertThat(first.has("_seq_no")).isTrue();
        assertThat(first.get("_primary_term").asInt()).isEqualTo(1);
        assertThat(answer.at("/items/2/delete/error/reason").asText()).contains("delete");

        assertThat(count("labels.index:app")).isEqualTo(2);
        assertThat(vigil.search("service.name:billing").at("/hits/0/_id").asText()).isEqualTo("a1");
    }

    @Test
    void theIndexInThePathIsTheDefaultAndPutWorksToo() throws Exception {
        HttpResponse<String> r = call("PUT", "/fallback/_bulk", BEARER, "application/json", resource("mixed.ndjson"));
        JsonNode last = json(r).at("/items/5/index");
        assertThat(last.get("status").asInt()).isEqualTo(201);
        assertThat(last.get("_index").asText()).isEqualTo("fallback");
        assertThat(count("labels.index:fallback AND message:third")).isEqualTo(1);
    }

    @Test
    void acceptsGzipBodiesAndBothNdjsonContentTypes() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(resource("structured.ndjson"));
        }
        HttpResponse<String> zipped = call("POST", "/_bulk", BEARER, "application/x-ndjson", gz.toByteArray(),
                "Content-Encoding", "gzip");
        assertThat(json(zipped).get("errors").asBoolean()).isFalse();
        HttpResponse<String> plain = bulk("/_bulk", "application/json", resource("structured.ndjson"));
        assertThat(json(plain).get("errors").asBoolean()).isFalse();
        HttpResponse<String> versioned = bulk("/_bulk", "application/vnd.elasticsearch+x-ndjson; compatible-with=8",
                resource("structured.ndjson"));
        assertThat(json(versioned).get("errors").asBoolean()).isFalse();
        assertThat(count("labels.index:\"app-2026.11.27\"")).isEqualTo(9);
    }

    @Test
    void keepsStructuredJsonAsItIs() throws Exception {
        bulk("/_bulk", "application/x-ndjson", resource("structured.ndjson"));
        assertThat(count("user.name:alice AND source.ip:\"198.51.100.0/24\" AND duration_ms:[12 TO 12]")).isEqualTo(1);
        JsonNode bob = vigil.search("user.name:bob");
        assertThat(bob.at("/hits/0/@timestamp").asText()).isEqualTo("2026-11-27T09:00:01.250Z");
        assertThat(bob.at("/hits/0/event/action").asText()).isEqualTo("logout");
        assertThat(vigil.search("level:info").at("/hits/0/@timestamp").asText()).isEqualTo("2026-11-27T09:00:02Z");
        assertThat(count("labels.index:\"app-2026.11.27\" AND (tags:_timestamp_failure OR tags:_parse_failure)")).isZero();
        assertThat(count("event.dataset:json")).isEqualTo(3);
    }

    @Test
    void routesByIndexNameOrDatasetToTheNginxParser() throws Exception {
        HttpResponse<String> r = bulk("/_bulk", "application/x-ndjson", resource("nginx.ndjson"));
        assertThat(json(r).get("errors").asBoolean()).isFalse();
        assertThat(count("event.dataset:\"nginx.access\" AND NOT tags:_parse_failure")).isEqualTo(3);
        assertThat(count("http.response.status_code:401 AND source.ip:\"203.0.113.9\" AND host.name:\"web-1\"")).isEqualTo(1);
        assertThat(count("labels.index:\"logs-nginx.access-default\" AND http.response.status_code:200")).isEqualTo(1);
        assertThat(count("labels.index:\"filebeat-8.11.0\" AND http.response.status_code:500")).isEqualTo(1);
        // Named nginx but not an access line: stored raw, tagged, with its reason.
        assertThat(count("labels.index:nginx AND tags:_parse_failure AND message:\"not an access log line\"")).isEqualTo(1);
        // An error log is not sent to the access-log parser: kept as structured JSON.
        assertThat(count("labels.index:\"nginx-error-2026.11.27\" AND log.level:error AND NOT tags:_parse_failure")).isEqualTo(1);
    }

    @Test
    void storesSingleDocumentsWithTheElasticsearchAnswer() throws Exception {
        byte[] doc = "{\"message\":\"single\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> auto = call("POST", "/app/_doc", BEARER, "application/json", doc);
        assertThat(auto.statusCode()).isEqualTo(201);
        assertThat(auto.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
        assertThat(json(auto).get("result").asText()).isEqualTo("created");
        assertThat(json(auto).get("_id").asText()).isNotBlank();
        HttpResponse<String> withId = call("PUT", "/app/_doc/x1", BEARER, "application/json", doc);
        assertThat(withId.statusCode()).isEqualTo(201);
        assertThat(json(withId).get("_id").asText()).isEqualTo("x1");
        assertThat(json(withId).get("_index").asText()).isEqualTo("app");
        HttpResponse<String> create = call("PUT", "/app/_create/c1?refresh=true", BEARER, "application/json", doc);
        assertThat(create.statusCode()).isEqualTo(201);
        assertThat(vigil.search("labels.index:app").get("hits").findValuesAsText("_id")).contains("x1", "c1");

        HttpResponse<String> bad = call("POST", "/app/_doc", BEARER, "application/json", "{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(json(bad).at("/error/root_cause/0/reason").asText()).contains("failed to parse");
        assertThat(json(bad).get("status").asInt()).isEqualTo(400);
        assertThat(count("labels.index:app AND n:[1 TO 1]")).isEqualTo(3);
    }

    @Test
    void acceptsTheBasicAndApiKeyFormsOfATokenAndRefusesWrongOnes() throws Exception {
        byte[] body = resource("structured.ndjson");
        String basic = "Basic " + base64("elastic:" + TestServer.INGEST);
        String tokenAsUser = "Basic " + base64(TestServer.INGEST + ":");
        String apiKeyPair = "ApiKey " + base64("some-id:" + TestServer.INGEST);
        String apiKeyEncoded = "ApiKey " + base64(TestServer.INGEST);
        String apiKeyRaw = "ApiKey " + TestServer.INGEST;
        String apiTokenBasic = "Basic " + base64("anyone:" + TestServer.API);
        for (String auth : List.of(basic, tokenAsUser, apiKeyPair, apiKeyEncoded, apiKeyRaw, apiTokenBasic)) {
            HttpResponse<String> r = call("POST", "/_bulk", auth, "application/x-ndjson", body);
            assertThat(r.statusCode()).as(auth).isEqualTo(200);
        }
        assertThat(count("user.name:alice")).isEqualTo(6);

        assertThat(call("POST", "/_bulk", "Basic " + base64("elastic:wrong"), "application/x-ndjson", body).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/_bulk", "ApiKey " + base64("id:wrong"), "application/x-ndjson", body).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/_bulk", "Basic !!!", "application/x-ndjson", body).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/_bulk", "Digest x", "application/x-ndjson", body).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/_bulk", null, "application/x-ndjson", body).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/", "Bearer wrong", null, null).statusCode()).isEqualTo(401);
        // An ingest token reaches shipper routes only; Basic does not widen it.
        assertThat(call("GET", "/api/v1/search?q=*", basic, null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/metrics", apiKeyRaw, null, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/search?q=*", apiTokenBasic, null, null).statusCode()).isEqualTo(200);
        assertThat(count("*")).isEqualTo(18);
    }

    @Test
    void answersTheProbesShippersMakeBeforeSending() throws Exception {
        String[][] probes = {
                {"GET", "/_license"}, {"GET", "/_xpack"}, {"GET", "/_cluster/health"}, {"GET", "/_nodes"},
                {"GET", "/_nodes/_local/http"}, {"GET", "/_cat/templates/filebeat*?format=json"},
                {"GET", "/_template/logstash"}, {"HEAD", "/_template/logstash"}, {"PUT", "/_template/logstash"},
                {"GET", "/_index_template/filebeat-8.11.0"}, {"HEAD", "/_index_template/ecs-logstash"},
                {"PUT", "/_index_template/ecs-logstash"}, {"PUT", "/_component_template/x"},
                {"GET", "/_ilm/policy/filebeat"}, {"PUT", "/_ilm/policy/filebeat"},
                {"GET", "/_ingest/pipeline/filebeat-8.11.0-nginx-access-pipeline"}, {"PUT", "/_ingest/pipeline/p"},
                {"GET", "/_data_stream/logs-nginx.access-default"}, {"PUT", "/_data_stream/logs-app-default"},
                {"HEAD", "/_alias/logstash"}, {"HEAD", "/nginx-access"}, {"GET", "/nginx-access"},
                {"PUT", "/%3Clogstash-%7Bnow%2Fd%7D-000001%3E"}, {"POST", "/_refresh"}, {"POST", "/app/_refresh"}};
        for (String[] probe : probes) {
            byte[] body = probe[0].equals("PUT") ? "{}".getBytes(StandardCharsets.UTF_8) : null;
            HttpResponse<String> r = call(probe[0], probe[1], BEARER, "application/json", body);
            assertThat(r.statusCode()).as(probe[0] + " " + probe[1]).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Elastic-Product")).as(probe[1]).contains("Elasticsearch");
        }
        JsonNode rollover = json(call("PUT", "/%3Clogstash-%7Bnow%2Fd%7D-000001%3E", BEARER, "application/json", new byte[0]));
        assertThat(rollover.get("index").asText()).isEqualTo("<logstash-{now/d}-000001>");
        JsonNode license = json(call("GET", "/_license", BEARER, null, null));
        assertThat(license.at("/license/status").asText()).isEqualTo("active");
        assertThat(license.at("/license/type").asText()).isEqualTo("basic");
        assertThat(json(call("GET", "/_cluster/health", BEARER, null, null)).get("status").asText()).isEqualTo("green");
        assertThat(json(call("GET", "/_cat/templates?format=json", BEARER, null, null)).isArray()).isTrue();
        assertThat(json(call("GET", "/nginx-access", BEARER, null, null)).has("nginx-access")).isTrue();
        JsonNode nodes = json(call("GET", "/_nodes/http", BEARER, null, null)).get("nodes");
        assertThat(nodes.elements().next().at("/http/publish_address").asText()).isEqualTo("127.0.0.1:" + vigil.server.port());
        // Vigil's own routes keep their meaning and their protection.
        assertThat(call("GET", "/_no_such_api", BEARER, null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/health", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void countsBulkItemsPerTypeInMetrics() throws Exception {
        bulk("/_bulk", "application/x-ndjson", resource("mixed.ndjson"));
        bulk("/_bulk", "application/x-ndjson", resource("nginx.ndjson"));
        String metrics = call("GET", "/metrics", "Bearer " + TestServer.API, null, null).body();
        assertThat(metrics).contains("vigil_bulk_items_accepted_total{type=\"json\"} 3.0");
        assertThat(metrics).contains("vigil_bulk_items_accepted_total{type=\"nginx\"} 4.0");
        assertThat(metrics).contains("vigil_bulk_items_failed_total{type=\"unknown\"} 4.0");
        assertThat(metrics).contains("vigil_events_failed_total{type=\"nginx\"} 1.0");
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
