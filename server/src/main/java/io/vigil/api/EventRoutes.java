package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.vigil.detect.SecurityEvent;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.server.Detector;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/events}: security events with filters, one with its contributing log events,
 * and triage ({@code PATCH}: status, assignee, comment).
 */
final class EventRoutes {
    private final Detector detector;
    private final EventStore logs;
    private final Clock clock;

    EventRoutes(Detector detector, EventStore logs, Clock clock) {
        this.detector = detector;
        this.logs = logs;
        this.clock = clock;
    }

    void list(Context ctx) throws IOException {
        List<String> clauses = new ArrayList<>();
        term(clauses, "rule.id", ctx.queryParam("rule"));
        term(clauses, "status", ctx.queryParam("status"));
        term(clauses, "severity", ctx.queryParam("severity"));
        String q = ctx.queryParam("q");
        if (q != null && !q.isBlank()) {
            clauses.add("(" + q + ")");
        }
        int size = ctx.queryParam("size") == null ? 100 : Integer.parseInt(ctx.queryParam("size"));
        SearchResult r = detector.securityEvents().search(new SearchRequest(String.join(" AND ", clauses),
                TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant()), size,
                new Sort("last_seen", true), Map.of()));
        List<Map<String, Object>> out = r.hits().stream().map(e -> SecurityEvent.fromEvent(e).toJson()).toList();
        Responses.json(ctx, 200, Map.of("total", r.total(), "events", out));
    }

    private static void term(List<String> clauses, String field, String value) {
        if (value != null && !value.isBlank()) {
            List<String> alternatives = new ArrayList<>();
            for (String v : value.split(",")) {
                alternatives.add(field + ":\"" + v.trim().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            clauses.add("(" + String.join(" OR ", alternatives) + ")");
        }
    }

    private SecurityEvent find(String id) throws IOException {
        List<Event> hits = detector.securityEvents().search(SearchRequest.of("_id:\"" + id.replace("\"", "") + "\"", null, 1)).hits();
        if (hits.isEmpty()) {
            throw new HttpError(404, "no security event " + id);
        }
        return SecurityEvent.fromEvent(hits.get(0));
    }

    void get(Context ctx) throws IOException {
        SecurityEvent e = find(ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>(e.toJson());
        List<String> ids = e.eventIds().subList(Math.max(0, e.eventIds().size() - 100), e.eventIds().size());
        List<Object> contributing = new ArrayList<>();
        if (!ids.isEmpty()) {
            logs.refresh(); // the newest contributing events may be younger than the refresh interval
            String q = "_id:(" + String.join(" OR ", ids.stream().map(i -> "\"" + i + "\"").toList()) + ")";
            for (Event log : logs.search(SearchRequest.of(q, null, ids.size())).hits()) {
                contributing.add(EventJson.toNested(log));
            }
        }
        out.put("contributing_events", contributing);
        Responses.json(ctx, 200, out);
    }

    void patch(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        find(id);
        JsonNode body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "body must be a JSON object with status, assignee and/or comment");
        }
        if (body.has("status") && !SecurityEvent.STATUSES.contains(body.get("status").asText())) {
            throw new HttpError(400, "status must be one of " + SecurityEvent.STATUSES);
        }
        SecurityEvent updated = detector.modify(id, e -> {
            String status = body.has("status") ? body.get("status").asText() : e.status();
            String assignee = body.has("assignee") ? (body.get("assignee").isNull() ? null : body.get("assignee").asText()) : e.assignee();
            List<SecurityEvent.Comment> comments = new ArrayList<>(e.comments());
            if (body.hasNonNull("comment")) {
                comments.add(new SecurityEvent.Comment(body.path("author").asText("api"), clock.instant(), body.get("comment").asText()));
            }
            return e.withTriage(status, assignee, comments);
        }).orElseThrow(() -> new HttpError(404, "no security event " + id));
        Responses.json(ctx, 200, updated.toJson());
    }
}
