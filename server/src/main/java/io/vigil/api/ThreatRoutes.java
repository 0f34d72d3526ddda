package io.vigil.api;

import io.javalin.http.Context;
import io.vigil.event.Cidr;
import io.vigil.event.Event;
import io.vigil.intel.IntelFields;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.DateMath;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.rules.Severity;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/threats/summary?from=&to=}: the log events that matched a threat feed
 * ({@code _exists_:security.ioc.malicious_ip}) in [from, to), summarised in one answer for the
 * Threats page: the total, a histogram per feed, counts per source country and per severity, and
 * the 25 most frequent listed addresses with their context, feeds, severity, country and first and
 * last sighting. Times as in search (ISO-8601, epoch ms, {@code now-24h}); without {@code to} it
 * ends now, without {@code from} it starts 24 hours before the end.
 *
 * <p>Cost: one search for the totals and terms, one histogram search per feed (at most
 * {@link #MAX_FEEDS}) and one search per top address (at most {@link #TOP_IPS}), since terms
 * aggregations have no sub-aggregations. Bad times are 400 ({@link io.vigil.query.QueryException}).
 */
final class ThreatRoutes {
    static final String PATH = "/api/v1/threats/summary";
    static final String THREATS = "_exists_:" + IntelFields.MALICIOUS_IP;
    static final String COUNTRY = "source.geo.country_iso_code";
    static final int TOP_IPS = 25;
    static final int MAX_FEEDS = 50;
    private static final int MAX_COUNTRIES = 250;
    private static final int MAX_VALUES = 20;
    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    private static final int MAX_BUCKETS = 100;
    /** Readable histogram steps; consecutive ones differ by at most 2.5 times, so a range gets 40 to 100 buckets. */
    private static final List<String> STEPS = List.of("1s", "2s", "5s", "10s", "15s", "30s", "1m", "2m", "5m", "10m",
            "15m", "30m", "1h", "2h", "3h", "6h", "12h", "1d", "2d", "7d", "14d", "30d");
    /** Where an address in an event has its GeoIP country: the sides {@link io.vigil.enrich.GeoIpEnricher} fills. */
    private static final List<String> SIDES = List.of("source", "destination", "client", "host");

    private final EventStore store;
    private final Clock clock;

    ThreatRoutes(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void summary(Context ctx) throws IOException {
        Instant now = clock.instant();
        TimeRange asked = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), now);
        Instant to = asked.to() == null ? now : asked.to();
        Instant from = asked.from() == null ? to.minus(DEFAULT_RANGE) : asked.from();
        Responses.json(ctx, 200, summary(new TimeRange(from, to)));
    }

    /** The summary of a bounded range, in the answer's shape. */
    Map<String, Object> summary(TimeRange range) throws IOException {
        String interval = interval(range.from(), range.to());
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("feeds", new Aggregation.Terms(IntelFields.ORIGIN_FEEDS, MAX_FEEDS));
        aggs.put("countries", new Aggregation.Terms(COUNTRY, MAX_COUNTRIES));
        aggs.put("severities", new Aggregation.Terms(IntelFields.SEVERITY, Severity.values().length));
        aggs.put("ips", new Aggregation.Terms(IntelFields.MALICIOUS_IP, TOP_IPS));
        SearchResult all = store.search(new SearchRequest(THREATS, range, 0, Sort.NEWEST_FIRST, aggs));

        List<Map<String, Object>> perFeed = new ArrayList<>();
        for (AggregationResult.Bucket feed : buckets(all, "feeds")) {
            perFeed.add(feed(feed, range, DateMath.duration(interval)));
        }
        List<Map<String, Object>> topIps = new ArrayList<>();
        for (AggregationResult.Bucket ip : buckets(all, "ips")) {
            topIps.add(address(ip, range));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", range.from().toString());
        out.put("to", range.to().toString());
        out.put("total", all.total());
        out.put("interval", interval);
        out.put("per_feed", perFeed);
        out.put("by_country", counts(buckets(all, "countries"), "country"));
        out.put("by_severity", counts(buckets(all, "severities"), "severity"));
        out.put("top_ips", topIps);
        return out;
    }

    /** The smallest readable step giving at most 100 buckets over the range (the largest step for longer ranges). */
    static String interval(Instant from, Instant to) {
        Duration width = Duration.between(from, to);
        for (String step : STEPS) {
            if (width.dividedBy(DateMath.duration(step)) <= MAX_BUCKETS) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    private Map<String, Object> feed(AggregationResult.Bucket feed, TimeRange range, Duration interval) throws IOException {
        String query = THREATS + " AND " + IntelFields.ORIGIN_FEEDS + ":\"" + escape(feed.keyAsString()) + "\"";
        SearchResult r = store.search(new SearchRequest(query, range, 0, Sort.NEWEST_FIRST,
                Map.of("h", new Aggregation.DateHistogram("@timestamp", interval))));
        List<Map<String, Object>> points = new ArrayList<>();
        for (AggregationResult.Bucket b : buckets(r, "h")) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("time", b.keyAsString());
            point.put("count", b.docCount());
            points.add(point);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feed", feed.keyAsString());
        out.put("count", feed.docCount());
        out.put("buckets", points);
        return out;
    }

    /**
     * One listed address: context, feeds and severity as its events recorded them, the country of
     * the side that holds it in its newest event, and first and last sighting in the range.
     */
    private Map<String, Object> address(AggregationResult.Bucket ip, TimeRange range) throws IOException {
        String address = ip.keyAsString();
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("seen", new Aggregation.Stats("@timestamp"));
        aggs.put("context", new Aggregation.Terms(IntelFields.CONTEXT, MAX_VALUES));
        aggs.put("feeds", new Aggregation.Terms(IntelFields.ORIGIN_FEEDS, MAX_VALUES));
        aggs.put("severities", new Aggregation.Terms(IntelFields.SEVERITY, Severity.values().length));
        SearchResult r = store.search(new SearchRequest(IntelFields.MALICIOUS_IP + ":\"" + escape(address) + "\"", range,
                1, Sort.NEWEST_FIRST, aggs));
        AggregationResult.Stats seen = (AggregationResult.Stats) r.aggregations().get("seen");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", address);
        out.put("context", keys(buckets(r, "context")));
        out.put("feeds", keys(buckets(r, "feeds")));
        out.put("severity", highest(buckets(r, "severities")));
        out.put("country", r.hits().isEmpty() ? null : country(r.hits().get(0), address));
        out.put("first_seen", seen.min() == null ? null : Instant.ofEpochMilli(seen.min().longValue()).toString());
        out.put("last_seen", seen.max() == null ? null : Instant.ofEpochMilli(seen.max().longValue()).toString());
        out.put("count", ip.docCount());
        return out;
    }

    /** The GeoIP country of the side of the event holding the address, or null (private, unknown, X-Forwarded-For). */
    static String country(Event e, String address) {
        Optional<Cidr> wanted = Cidr.address(address);
        for (String side : SIDES) {
            Object value = e.get(side + ".ip");
            for (Object one : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                Optional<Cidr> a = Cidr.address(one.toString().trim());
                if (a.isPresent() ? a.equals(wanted) : one.toString().trim().equals(address)) {
                    return e.getString(side + ".geo.country_iso_code");
                }
            }
        }
        return null;
    }

    private static String highest(List<AggregationResult.Bucket> severities) {
        Severity highest = null;
        for (AggregationResult.Bucket b : severities) {
            Severity s = Severity.parse(b.keyAsString());
            if (s != null && (highest == null || s.compareTo(highest) > 0)) {
                highest = s;
            }
        }
        return highest == null ? null : highest.id();
    }

    private static List<Map<String, Object>> counts(List<AggregationResult.Bucket> buckets, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AggregationResult.Bucket b : buckets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(name, b.keyAsString());
            row.put("count", b.docCount());
            out.add(row);
        }
        return out;
    }

    private static List<String> keys(List<AggregationResult.Bucket> buckets) {
        return buckets.stream().map(AggregationResult.Bucket::keyAsString).toList();
    }

    private static List<AggregationResult.Bucket> buckets(SearchResult r, String name) {
        return ((AggregationResult.Buckets) r.aggregations().get(name)).buckets();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
