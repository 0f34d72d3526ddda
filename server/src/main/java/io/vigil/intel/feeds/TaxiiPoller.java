package io.vigil.intel.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.Taxii2Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls a TAXII 2.1 collection's {@code objects} endpoint (the feed's URL, e.g.
 * {@code https://taxii.example/api1/collections/<id>/objects/}) for what was added since the last
 * poll ({@code added_after}), following {@code more}/{@code next} pages. The cursor for the next
 * poll is the server's {@code X-TAXII-Date-Added-Last} header, else the newest {@code date_added}
 * seen, else the previous cursor. Thread-safe.
 */
public final class TaxiiPoller {
    /** Pages followed in one poll at most: a server that never stops paging cannot hold a refresh for ever. */
    static final int MAX_PAGES = 1_000;

    /** What one poll brought: new objects, oldest page first, and the cursor for the next poll (may be null). */
    public record Poll(List<JsonNode> objects, String addedAfter) {}

    private final FeedFetcher http;

    public TaxiiPoller(FeedFetcher http) {
        this.http = http;
    }

    /**
     * @param addedAfter the cursor from the previous poll, or null for everything
     * @throws IOException when a page cannot be fetched or read; nothing of the poll is kept then
     */
    public Poll poll(FeedDefinition feed, String addedAfter) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        String cursor = addedAfter;
        String next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpResponse<InputStream> r = http.send(http.request(feed, uri(feed.url(), addedAfter, next),
                    Taxii2Envelope.MEDIA_TYPE).build());
            if (r.statusCode() == 204) {
                r.body().close();
                break;
            }
            Taxii2Envelope envelope = Taxii2Envelope.parse(FeedFetcher.body(r, feed.url()));
            objects.addAll(envelope.objects());
            cursor = newer(cursor, r.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
            Instant latest = Taxii2Envelope.latestAdded(envelope.objects());
            cursor = newer(cursor, latest == null ? null : latest.toString());
            if (!envelope.more() || envelope.next() == null) {
                break;
            }
            next = envelope.next();
        }
        return new Poll(objects, cursor);
    }

    static URI uri(String base, String addedAfter, String next) {
        StringBuilder query = new StringBuilder();
        if (addedAfter != null) {
            query.append("added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
        }
        if (next != null) {
            query.append(query.length() > 0 ? "&" : "").append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        if (query.length() == 0) {
            return URI.create(base);
        }
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Instant ta = io.vigil.parse.Timestamps.iso(a);
        Instant tb = io.vigil.parse.Timestamps.iso(b);
        return ta == null || tb != null && tb.isAfter(ta) ? b : a;
    }
}
