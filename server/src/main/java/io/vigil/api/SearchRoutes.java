package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.vigil.event.EventJson;
import io.vigil.query.QueryException;
import io.vigil.query.SearchRequest;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /api/v1/search?q=&from=&to=&size=&sort=} and {@code POST /api/v1/search} (the same as
 * JSON plus {@code "aggs"}); {@code GET /api/v1/fields} lists indexed fields and their types.
 * Without {@code from}/{@code to} all time is searched; {@code size} defaults to 100.
 */
final class SearchRoutes {
    private static final int DEFAULT_SIZE = 100;
    private final EventStore store;
    private final Clock clock;

    SearchRoutes(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void get(Context ctx) throws IOException {
        SearchRequest request = new SearchRequest(
                ctx.queryParam("q"),
                TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant()),
                size(ctx.queryParam("size")),
                Sort.parse(ctx.queryParam("sort")),
                Map.of());
        Responses.json(ctx, 200, SearchJson.result(store.search(request)));
    }

    void post(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new HttpError(400, "request body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "request body must be a JSON object such as {\"q\": \"...\", \"aggs\": {...}}");
        }
        String q = text(body, "q", text(body, "query", null));
        SearchRequest request = new SearchRequest(
                q,
                TimeRange.parse(text(body, "from", null), text(body, "to", null), clock.instant()),
                body.has("size") ? body.get("size").asInt(-1) : DEFAULT_SIZE,
                Sort.parse(text(body, "sort", null)),
                SearchJson.aggregations(body.get("aggs") != null ? body.get("aggs") : body.get("aggregations")));
        Responses.json(ctx, 200, SearchJson.result(store.search(request)));
    }

    void fields(Context ctx) {
        Map<String, String> out = new java.util.TreeMap<>();
        store.fields().forEach((k, v) -> out.put(k, v.id()));
        Responses.json(ctx, 200, Map.of("fields", out));
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static int size(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new QueryException("size must be a whole number, got '" + s + "'");
        }
    }
}
