package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.parse.ParserRegistry;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.store.EventStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElasticBulkTest {
    static final String NGINX = "203.0.113.9 - - [27/Nov/2026:10:00:00 +0000] \\\"GET /login HTTP/1.1\\\" 401 12 \\\"-\\\" \\\"curl/8\\\"";
    final Instant now = Instant.parse("2026-11-28T00:00:00Z");
    final List<Event> stored = new ArrayList<>();
    boolean storeBroken;
    final EventStore memory = new EventStore() {
        public void append(List<Event> events) throws IOException {
            if (storeBroken) {
                throw new IOException("disk full");
            }
            stored.addAll(events);
        }

        public void upsert(List<Event> events) throws IOException {
            append(events);
        }

        public SearchResult search(SearchRequest request) {
            throw new UnsupportedOperationException("bulk only appends");
        }

        public long delete(String query) {
            return 0;
        }

        public Map<String, FieldType> fields() {
            return Map.of();
        }

        public void refresh() {}

        public void close() {}
    };
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), memory, clock, 4096);
    final ElasticBulk bulk = new ElasticBulk(pipeline, memory, clock);

    private List<ElasticBulk.Item> send(String body, String defaultIndex) throws IOException {
        return bulk.bulk(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), defaultIndex);
    }

    @Test
    void answersEveryActionInOrderAndStoresOnlyIndexAndCreateDocuments() throws IOException {
        List<ElasticBulk.Item> items = send(resource("mixed.ndjson"), null);
        List<String> actual = items.stream()
                .map(i -> i.op() + "\t" + i.status() + "\t" + (i.error() == null ? "-" : i.error())).toList();
        assertThat(actual).containsExactlyElementsOf(resource("mixed.expected.tsv").lines()
                .filter(l -> !l.startsWith("#")).toList());
        assertThat(items).filteredOn(i -> i.status() == 400).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
        assertThat(stored).hasSize(3).allSatisfy(e -> assertThat(e.get(ElasticBulk.INDEX_FIELD)).isEqualTo("app"));
        assertThat(stored.get(0).id()).isEqualTo("a1");
        assertThat(stored.get(0).get("service.name")).isEqualTo("billing");
        assertThat(stored.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(items.get(1).id()).isEqualTo(stored.get(1).id()).isNotBlank();
    }

    @Test
    void thePathIndexIsTheDefault() throws IOException {
        List<ElasticBulk.Item> items = send(resource("mixed.ndjson"), "fallback");
        assertThat(items.get(7).status()).isEqualTo(201);
        assertThat(items.get(7).index()).isEqualTo("fallback");
        assertThat(items.get(0).index()).isEqualTo("app");
    }

    @Test
    void parsesTheMessageByTheTypeTheIndexNamesAndKeepsTheOtherFields() throws IOException {
        List<ElasticBulk.Item> items = send("{\"index\":{\"_index\":\"nginx-access-2026.11.27\"}}\n"
                + "{\"message\":\"" + NGINX + "\",\"host\":{\"name\":\"web-1\"}}\n"
                + "{\"index\":{\"_index\":\"nginx\"}}\n{\"message\":\"not an access log line\"}\n", null);
        assertThat(items).extracting(ElasticBulk.Item::status).containsExactly(201, 201);
        assertThat(items).extracting(ElasticBulk.Item::type).containsExactly("nginx", "nginx");
        assertThat(items).extracting(ElasticBulk.Item::parsed).containsExactly(true, false);
        Event parsed = stored.get(0);
        assertThat(parsed.get(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(401L);
        assertThat(parsed.get(Ecs.SOURCE_IP)).isEqualTo("203.0.113.9");
        assertThat(parsed.get(Ecs.HOST_NAME)).isEqualTo("web-1");
        assertThat(stored.get(1).hasTag(Ecs.TAG_PARSE_FAILURE)).isTrue();
        assertThat(stored.get(1).get(Ecs.MESSAGE)).isEqualTo("not an access log line");
    }

    @Test
    void aStoreFailureMakesThatBatchRetryableWithoutFailingTheRequest() throws IOException {
        storeBroken = true;
        List<ElasticBulk.Item> items = send("{\"index\":{\"_index\":\"app\"}}\n{\"message\":\"a\"}\n"
                + "{\"delete\":{\"_index\":\"app\",\"_id\":\"1\"}}\n", null);
        assertThat(items).extracting(ElasticBulk.Item::status).containsExactly(503, 400);
        assertThat(items.get(0).reason()).contains("disk full");
        assertThat(items.get(0).id()).isNull();
    }

    @Test
    void refusesTooLongDocumentsAndIds() throws IOException {
        String longDoc = "{\"message\":\"" + "x".repeat(5000) + "\"}";
        List<ElasticBulk.Item> items = send("{\"index\":{\"_index\":\"app\"}}\n" + longDoc + "\n"
                + "{\"index\":{\"_index\":\"app\",\"_id\":\"" + "i".repeat(600) + "\"}}\n{\"message\":\"a\"}\n"
                + "{\"index\":{\"_index\":\"app\",\"_id\":\"\"}}\n{\"message\":\"b\"}\n", null);
        assertThat(items).extracting(ElasticBulk.Item::status).containsExactly(400, 400, 400);
        assertThat(items.get(0).reason()).contains("4096");
        assertThat(stored).isEmpty();
    }

    @Test
    void tagsDocumentsWhoseBytesAreNotUtf8() throws IOException {
        byte[] body = "{\"index\":{\"_index\":\"app\"}}\n{\"message\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        List<ElasticBulk.Item> items = bulk.bulk(new ByteArrayInputStream(body), null);
        assertThat(items).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(201));
        assertThat(stored.get(0).hasTag(Ecs.TAG_ENCODING_FAILURE)).isTrue();
    }

    @Test
    void oneDocumentMaySpanLines() {
        ElasticBulk.Item item = bulk.one("create", "app", "c1", "{\n  \"message\": \"pretty\",\n  \"n\": 1\n}\n");
        assertThat(item.status()).isEqualTo(201);
        assertThat(item.id()).isEqualTo("c1");
        assertThat(stored).singleElement().satisfies(e -> assertThat(e.get("n")).isEqualTo(1L));
        assertThat(bulk.one("index", "app", null, "{oops").status()).isEqualTo(400);
    }

    @Test
    void randomInputNeverThrowsAndEveryStoredItemIsOneStoredEvent() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"{\"index\":{\"_index\":\"app\"}}", "{\"create\":{}}", "{\"delete\":{\"_id\":\"1\"}}",
                "{\"update\":{\"_index\":\"a\"}}", "{\"message\":\"m\"}", "{", "}", "[]", "null", "\"s\"", "\n", "\r\n",
                "{\"message\":\"" + NGINX + "\"}", "{\"index\":{\"_index\":\"nginx\"}}", "\u00ff\u0000"};
        for (int round = 0; round < 200; round++) {
            StringBuilder body = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                body.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    body.append('\n');
                }
            }
            stored.clear();
            List<ElasticBulk.Item> items = send(body.toString(), random.nextBoolean() ? "dflt" : null);
            assertThat(items).allSatisfy(i -> assertThat(i.status()).isIn(201, 400));
            assertThat(stored).hasSize((int) items.stream().filter(ElasticBulk.Item::stored).count());
        }
        byte[] garbage = new byte[64 * 1024];
        random.nextBytes(garbage);
        assertThat(bulk.bulk(new ByteArrayInputStream(garbage), "app")).allSatisfy(i -> assertThat(i.status()).isEqualTo(400));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ElasticBulkTest.class.getResourceAsStream("/ingest/elastic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
