package io.vigil.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.DateMath;
import io.vigil.query.QueryException;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneEventStoreTest {
    @TempDir
    Path dir;
    LuceneEventStore store;
    final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    @BeforeEach
    void open() throws Exception {
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private Event event(int i, String ip, long status, String method, String message) {
        Event e = new Event()
                .put("@timestamp", t0.plusSeconds(i * 60L))
                .put("message", message)
                .put("event.dataset", "nginx.access")
                .put("source.ip", ip)
                .put("http.response.status_code", status)
                .put("http.request.method", method)
                .put("http.response.body.bytes", (long) i * 10);
        IngestPipeline.complete(e, t0, t0);
        return e;
    }

    private List<Event> sample() {
        List<Event> events = new ArrayList<>();
        events.add(event(0, "10.1.2.3", 200, "GET", "GET /index.html from firefox"));
        events.add(event(1, "10.1.2.4", 401, "POST", "POST /login denied"));
        events.add(event(2, "192.168.0.9", 403, "GET", "GET /admin forbidden"));
        events.add(event(3, "2001:db8::7", 404, "GET", "GET /missing not found"));
        events.add(event(4, "8.8.8.8", 500, "GET", "GET /api boom"));
        events.add(event(5, "10.200.0.1", 401, "POST", "POST /login denied again"));
        return events;
    }

    private long count(String q) throws Exception {
        return store.search(SearchRequest.of(q, null, 10)).total();
    }

    @Test
    void findsAppendedEventsByTypedQueries() throws Exception {
        store.append(sample());
        store.refresh();
        assertThat(count("")).isEqualTo(6);
        assertThat(count("http.response.status_code:[400 TO 499]")).isEqualTo(4);
        assertThat(count("http.response.status_code:{401 TO 500]")).isEqualTo(3);
        assertThat(count("http.response.status_code:(401 OR 403)")).isEqualTo(3);
        assertThat(count("source.ip:\"10.0.0.0/8\"")).isEqualTo(3);
        assertThat(count("source.ip:\"2001:db8::/32\"")).isEqualTo(1);
        assertThat(count("source.ip:8.8.8.8")).isEqualTo(1);
        assertThat(count("\"login denied\"")).isEqualTo(2);
        assertThat(count("denied")).isEqualTo(2);
        assertThat(count("log*")).isEqualTo(2);
        assertThat(count("http.request.method:POST AND NOT source.ip:\"10.1.0.0/16\"")).isEqualTo(1);
        assertThat(count("_exists_:http.request.method")).isEqualTo(6);
        assertThat(count("_exists_:user.name")).isZero();
        assertThat(count("event.dataset:nginx.*")).isEqualTo(6);
        assertThat(count("no.such.field:x")).isZero();
    }

    @Test
    void restrictsToTheTimeRangeAndSortsNewestFirst() throws Exception {
        store.append(sample());
        store.refresh();
        SearchResult r = store.search(SearchRequest.of("", new TimeRange(t0.plusSeconds(60), t0.plusSeconds(240)), 10));
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.hits()).extracting(e -> e.getString("source.ip")).containsExactly("2001:db8::7", "192.168.0.9", "10.1.2.4");
        SearchResult byStatus = store.search(new SearchRequest("", null, 2, Sort.parse("http.response.status_code:desc"), Map.of()));
        assertThat(byStatus.hits()).extracting(e -> e.getString("http.response.status_code")).containsExactly("500", "404");
    }

    @Test
    void aggregatesOverMatchingEvents() throws Exception {
        store.append(sample());
        store.refresh();
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("h", new Aggregation.DateHistogram("@timestamp", DateMath.duration("2m")));
        aggs.put("ips", new Aggregation.Terms("source.ip", 2));
        aggs.put("statuses", new Aggregation.Terms("http.response.status_code", 10));
        aggs.put("distinct", new Aggregation.Cardinality("source.ip"));
        aggs.put("bytes", new Aggregation.Stats("http.response.body.bytes"));
        SearchResult r = store.search(new SearchRequest("", new TimeRange(t0, t0.plusSeconds(360)), 0, null, aggs));
        assertThat(r.total()).isEqualTo(6);
        var h = (AggregationResult.Buckets) r.aggregations().get("h");
        assertThat(h.buckets()).extracting(AggregationResult.Bucket::docCount).containsExactly(2L, 2L, 2L);
        var statuses = (AggregationResult.Buckets) r.aggregations().get("statuses");
        assertThat(statuses.buckets().get(0).key()).isEqualTo(401L);
        assertThat(statuses.buckets().get(0).docCount()).isEqualTo(2);
        var ips = (AggregationResult.Buckets) r.aggregations().get("ips");
        assertThat(ips.buckets()).hasSize(2);
        assertThat(ips.sumOtherDocCount()).isEqualTo(4);
        assertThat(((AggregationResult.Value) r.aggregations().get("distinct")).value()).isEqualTo(6);
        var bytes = (AggregationResult.Stats) r.aggregations().get("bytes");
        assertThat(bytes.count()).isEqualTo(6);
        assertThat(bytes.max()).isEqualTo(50.0);
        assertThat(bytes.sum()).isEqualTo(150.0);
    }

    @Test
    void reportsBadQueriesWithThePosition() {
        assertThatThrownBy(() -> count("http.response.status_code:[400 TO"))
                .isInstanceOf(QueryException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> count("source.ip:banana"))
                .isInstanceOf(QueryException.class).hasMessageContaining("not an IP address");
    }

    @Test
    void eventsSurviveReopeningWithoutDuplicates() throws Exception {
        store.append(sample());
        store.close();
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
        assertThat(count("")).isEqualTo(6);
        assertThat(store.fields()).containsEntry("source.ip", io.vigil.event.FieldType.IP);
    }

    @Test
    void replaysTheWriteAheadLogWhenIndicesWereNotCommitted() throws Exception {
        // Simulate a crash: the log has the events, the indices never committed them.
        Path other = dir.resolve("crash");
        LuceneEventStore crashed = LuceneEventStore.open(LuceneStoreConfig.defaults(other).withCommitInterval(java.time.Duration.ofHours(1)));
        crashed.append(sample());
        copyWithoutClosing(other, dir.resolve("copy"));
        crashed.close();
        try (LuceneEventStore reopened = LuceneEventStore.open(LuceneStoreConfig.defaults(dir.resolve("copy")))) {
            assertThat(reopened.search(SearchRequest.of("", null, 10)).total()).isEqualTo(6);
        }
    }

    private static void copyWithoutClosing(Path from, Path to) throws Exception {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("write.lock")) {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void deletesByQuery() throws Exception {
        store.append(sample());
        assertThat(store.delete("http.request.method:POST")).isEqualTo(2);
        assertThat(count("")).isEqualTo(4);
    }

    @Test
    void retentionDropsWholeOldDays() throws Exception {
        store.append(sample());
        Event old = event(0, "1.1.1.1", 200, "GET", "old");
        old.put("@timestamp", Instant.parse("2020-01-01T00:00:00Z"));
        store.append(List.of(old));
        store.close();
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir).withRetentionDays(30000));
        assertThat(count("")).isEqualTo(7);
        store.close();
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir).withRetentionDays(365 * 3));
        assertThat(count("")).isEqualTo(6);
    }
}
