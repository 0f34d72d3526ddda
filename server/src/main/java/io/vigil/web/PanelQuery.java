package io.vigil.web;

import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes one dashboard panel over log events or security events, in the shape its chart needs:
 * <ul>
 *   <li>{@code count}, {@code cardinality}: {@code {"total", "value"}}</li>
 *   <li>{@code date_histogram}: {@code {"total", "interval_ms", "series": [{"name", "points": [[ms, n]]}]}},
 *       one series, or one per top value of {@code split} (at most 8)</li>
 *   <li>{@code terms}: {@code {"total", "other", "buckets": [{"key", "count"}]}}; with {@code details}
 *       each bucket also has {@code first_seen}, {@code last_seen} and {@code details} (those fields
 *       from its newest event)</li>
 * </ul>
 * The histogram interval follows the time range (about 60 buckets, rounded to a readable step).
 * Query errors surface as {@link io.vigil.query.QueryException}. Thread-safe.
 */
public final class PanelQuery {
    public static final String LOGS = "logs";
    public static final String SECURITY_EVENTS = "security_events";
    static final int MAX_SERIES = 8;
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

    private final EventStore logs;
    private final EventStore securityEvents;

    public PanelQuery(EventStore logs, EventStore securityEvents) {
        this.logs = logs;
        this.securityEvents = securityEvents;
    }

    /** Runs a panel over a time range (both ends required, so that histograms have a width). */
    public Map<String, Object> run(Dashboard.Panel panel, Instant from, Instant to) throws IOException {
        EventStore store = SECURITY_EVENTS.equals(panel.index()) ? securityEvents : logs;
        TimeRange range = new TimeRange(from, to);
        Dashboard.Aggregation a = panel.aggregation();
        switch (a.type()) {
            case "date_histogram":
                return histogram(store, panel.query(), range, a);
            case "terms":
                return terms(store, panel.query(), range, a);
            case "cardinality":
                return single(store, panel.query(), range, new Aggregation.Cardinality(a.field()));
            default:
                return single(store, panel.query(), range, null);
        }
    }

    /** A readable histogram step giving about 60 buckets over the range. */
    public static Duration interval(Instant from, Instant to) {
        Duration wanted = Duration.between(from, to).dividedBy(60);
        for (Duration step : STEPS) {
            if (step.compareTo(wanted) >= 0) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    private Map<String, Object> single(EventStore store, String q, TimeRange range, Aggregation agg) throws IOException {
        Map<String, Aggregation> aggs = agg == null ? Map.of() : Map.of("v", agg);
        SearchResult r = store.search(new SearchRequest(q, range, 0, Sort.NEWEST_FIRST, aggs));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", r.total());
        out.put("value", agg == null ? r.total() : ((AggregationResult.Value) r.aggregations().get("v")).value());
        return out;
    }

    private Map<String, Object> histogram(EventStore store, String q, TimeRange range, Dashboard.Aggregation a) throws IOException {
        Duration interval = interval(range.from(), range.to());
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("h", new Aggregation.DateHistogram(a.field(), interval));
        if (a.split() != null) {
            aggs.put("split", new Aggregation.Terms(a.split(), MAX_SERIES));
        }
        SearchResult all = store.search(new SearchRequest(q, range, 0, Sort.NEWEST_FIRST, aggs));
        List<Map<String, Object>> series = new ArrayList<>();
        if (a.split() == null) {
            series.add(series("all", all.aggregations().get("h")));
        } else {
            for (AggregationResult.Bucket b : ((AggregationResult.Buckets) all.aggregations().get("split")).buckets()) {
                String value = b.keyAsString();
                String sub = and(q, a.split() + ":\"" + escape(value) + "\"");
                SearchResult r = store.search(new SearchRequest(sub, range, 0, Sort.NEWEST_FIRST,
                        Map.of("h", new Aggregation.DateHistogram(a.field(), interval))));
                series.add(series(value, r.aggregations().get("h")));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", all.total());
        out.put("interval_ms", interval.toMillis());
        out.put("series", series);
        return out;
    }

    private static Map<String, Object> series(String name, AggregationResult result) {
        List<List<Object>> points = new ArrayList<>();
        for (AggregationResult.Bucket b : ((AggregationResult.Buckets) result).buckets()) {
            points.add(List.of(b.key(), b.docCount()));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("points", points);
        return s;
    }

    private Map<String, Object> terms(EventStore store, String q, TimeRange range, Dashboard.Aggregation a) throws IOException {
        SearchResult r = store.search(new SearchRequest(q, range, 0, Sort.NEWEST_FIRST,
                Map.of("t", new Aggregation.Terms(a.field(), a.size()))));
        AggregationResult.Buckets buckets = (AggregationResult.Buckets) r.aggregations().get("t");
        List<Map<String, Object>> out = new ArrayList<>();
        for (AggregationResult.Bucket b : buckets.buckets()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", b.keyAsString());
            row.put("count", b.docCount());
            if (!a.details().isEmpty()) {
                details(store, and(q, a.field() + ":\"" + escape(b.keyAsString()) + "\""), range, a.details(), row);
            }
            out.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", r.total());
        result.put("other", buckets.sumOtherDocCount());
        result.put("buckets", out);
        return result;
    }

    /** First and last sighting of one value, and the detail fields of its newest event. */
    private static void details(EventStore store, String q, TimeRange range, List<String> fields, Map<String, Object> row)
            throws IOException {
        List<Event> newest = store.search(new SearchRequest(q, range, 1, Sort.NEWEST_FIRST, Map.of())).hits();
        List<Event> oldest = store.search(new SearchRequest(q, range, 1, new Sort("@timestamp", false), Map.of())).hits();
        row.put("first_seen", oldest.isEmpty() ? null : String.valueOf(oldest.get(0).timestamp()));
        row.put("last_seen", newest.isEmpty() ? null : String.valueOf(newest.get(0).timestamp()));
        Map<String, Object> d = new LinkedHashMap<>();
        for (String f : fields) {
            d.put(f, newest.isEmpty() ? null : EventJson.toNode(newest.get(0).get(f)));
        }
        row.put("details", d);
    }

    private static String and(String q, String clause) {
        return q == null || q.isBlank() || q.trim().equals("*") ? clause : "(" + q + ") AND " + clause;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
