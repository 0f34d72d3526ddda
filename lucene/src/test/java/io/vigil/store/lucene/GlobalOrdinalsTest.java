package io.vigil.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.TimeRange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * terms and cardinality through global ordinals agree with counting the events by hand: over one
 * daily index and over several, with many segments, ties, multi-valued fields, IPv4 and IPv6, and
 * again after more writes make a new reader (the cached ordinals must not be reused for it).
 */
class GlobalOrdinalsTest {
    @TempDir
    Path dir;

    private final Instant day1 = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void termsAndCardinalityAgreeWithCountingByHand() throws Exception {
        try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir))) {
            List<Event> all = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(7);
            for (int batch = 0; batch < 12; batch++) {
                List<Event> events = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    // Three days; addresses drawn from a skewed pool so that counts tie and differ.
                    Instant t = day1.plusSeconds(r.nextLong(3 * 86_400L));
                    int n = (int) Math.floor(Math.pow(r.nextDouble(), 2) * 300);
                    String ip = n % 7 == 0 ? "2001:db8::" + Integer.toHexString(n) : "198.51." + (n / 250) + "." + (n % 250);
                    Event e = new Event().put("@timestamp", t).put("message", "m").put("source.ip", ip)
                            .put("user.name", "user" + (n % 40));
                    if (i % 5 == 0) {
                        e.put("tags", List.of("a" + (n % 3), "b" + (n % 4)));
                    }
                    IngestPipeline.complete(e, t, t);
                    events.add(e);
                }
                store.append(events);
                store.refresh(); // one or more segments per batch and day
                all.addAll(events);
                if (batch == 5 || batch == 11) {
                    check(store, all, null);
                    check(store, all, new TimeRange(day1.plusSeconds(86_400), day1.plusSeconds(2 * 86_400)));
                    check(store, all, new TimeRange(day1.plusSeconds(40_000), day1.plusSeconds(200_000)));
                }
            }
        }
    }

    private void check(LuceneEventStore store, List<Event> all, TimeRange range) throws Exception {
        for (String field : List.of("source.ip", "user.name", "tags")) {
            Map<String, Aggregation> aggs = new LinkedHashMap<>();
            aggs.put("top", new Aggregation.Terms(field, 10));
            aggs.put("distinct", new Aggregation.Cardinality(field));
            SearchResult result = store.search(new SearchRequest("", range, 0, null, aggs));

            Map<String, Long> expected = new HashMap<>();
            for (Event e : all) {
                Instant t = (Instant) e.get("@timestamp");
                if (range != null && (t.isBefore(range.from()) || !t.isBefore(range.to()))) {
                    continue;
                }
                Object v = e.get(field);
                for (Object one : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                    String key = field.equals("source.ip") ? Aggregator.formatIp(java.net.InetAddress.getByName(one.toString())) : one.toString();
                    expected.merge(key, 1L, Long::sum);
                }
            }
            var top = (AggregationResult.Buckets) result.aggregations().get("top");
            List<Long> expectedCounts = expected.values().stream().sorted(Comparator.reverseOrder()).limit(10).toList();
            assertThat(top.buckets()).extracting(AggregationResult.Bucket::docCount).as(field + " " + range)
                    .containsExactlyElementsOf(expectedCounts);
            for (AggregationResult.Bucket b : top.buckets()) {
                assertThat(expected.get(b.key().toString())).as(field + " " + b.key()).isEqualTo(b.docCount());
            }
            long kept = top.buckets().stream().mapToLong(AggregationResult.Bucket::docCount).sum();
            assertThat(top.sumOtherDocCount()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum() - kept);
            assertThat(((AggregationResult.Value) result.aggregations().get("distinct")).value()).as(field).isEqualTo(expected.size());
        }
    }
}
