package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.parse.ParserRegistry;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.store.EventStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestPipelineTest {
    static final String GOOD = "203.0.113.9 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl/8\"";
    final Instant now = Instant.parse("2026-11-28T00:00:00Z");
    final List<Event> stored = new ArrayList<>();
    final EventStore memory = new EventStore() {
        public void append(List<Event> events) {
            stored.addAll(events);
        }

        public void upsert(List<Event> events) {
            stored.addAll(events);
        }

        public SearchResult search(SearchRequest request) {
            throw new UnsupportedOperationException("the pipeline only appends");
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
    final IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), memory, Clock.fixed(now, ZoneOffset.UTC), 1024);

    private IngestReport ingest(byte[] body) throws Exception {
        return pipeline.ingest("nginx", IngestPipeline.Format.LINES, new ByteArrayInputStream(body));
    }

    @Test
    void everyNonBlankLineBecomesOneStoredEvent() throws Exception {
        IngestReport r = ingest((GOOD + "\r\n\n  \nnot a log line\n" + GOOD).getBytes(StandardCharsets.UTF_8));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(4));
        assertThat(stored).hasSize(3);
        assertThat(stored).allSatisfy(e -> {
            assertThat(e.id()).hasSize(22);
            assertThat(e.get("event.ingested")).isEqualTo(now);
        });
        Event failed = stored.get(1);
        assertThat(failed.get("message")).isEqualTo("not a log line");
        assertThat(failed.hasTag("_parse_failure")).isTrue();
        assertThat(failed.timestamp()).isEqualTo(now);
        assertThat(stored.get(0).get("message")).isEqualTo(GOOD);
    }

    @Test
    void tagsInvalidUtf8AndCutsOverlongLinesWithoutLosingThem() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(GOOD.replace("curl/8", "curl/").getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        body.write("x".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        IngestReport r = ingest(body.toByteArray());
        assertThat(r.accepted() + r.failed()).isEqualTo(2);
        assertThat(stored.get(0).hasTag("_encoding_failure")).isTrue();
        assertThat(stored.get(0).getString("user_agent.original")).startsWith("curl/");
        assertThat(stored.get(1).hasTag("_truncated")).isTrue();
        assertThat(stored.get(1).getString("message")).hasSize(1024);
    }

    @Test
    void rejectsUnknownTypesNamingKnownOnes() {
        assertThatThrownBy(() -> pipeline.ingest("nope", IngestPipeline.Format.LINES, new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(UnknownTypeException.class).hasMessageContaining("nginx").hasMessageContaining("json");
    }

    @Test
    void jsonWithoutTimeGetsTheIngestTimeAndATag() throws Exception {
        IngestReport r = pipeline.ingest("json", IngestPipeline.Format.NDJSON,
                new ByteArrayInputStream("{\"user\":{\"name\":\"bob\"}}\n[1,2]\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(stored.get(0).get("user.name")).isEqualTo("bob");
        assertThat(stored.get(0).hasTag("_timestamp_failure")).isTrue();
        assertThat(stored.get(1).getString("error.message")).contains("expected a JSON object");
    }
}
