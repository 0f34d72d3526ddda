package io.vigil.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.api.HttpError;
import io.vigil.event.EventJson;
import io.vigil.query.DateMath;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Dashboards over HTTP.
 *
 * <ul>
 *   <li>{@code GET /api/v1/dashboards}: {@code {"dashboards": [...]}}, built-in first</li>
 *   <li>{@code GET /api/v1/dashboards/{id}}; 404 when absent</li>
 *   <li>{@code POST /api/v1/dashboards}: create; 201, 409 when the id is taken</li>
 *   <li>{@code PUT /api/v1/dashboards/{id}}: replace a user dashboard; 404, or 409 for a built-in one</li>
 *   <li>{@code DELETE /api/v1/dashboards/{id}}: 204; 404, or 409 for a built-in one</li>
 *   <li>{@code POST /api/v1/dashboards/{id}/clone} {@code {"id", "title"}} (both optional): 201 with the copy</li>
 *   <li>{@code POST /api/v1/panels/query} {@code {"panel": {...}, "from": "now-24h", "to": "now"}}:
 *       the panel's data (see {@link PanelQuery})</li>
 * </ul>
 * An invalid dashboard or panel is 400 with {@code "problems": ["panels[0].chart: ...", ...]}.
 */
public final class DashboardRoutes {
    static final String PATH = "/api/v1/dashboards";
    private final Dashboards dashboards;
    private final PanelQuery panels;
    private final Clock clock;

    public DashboardRoutes(Dashboards dashboards, PanelQuery panels, Clock clock) {
        this.dashboards = dashboards;
        this.panels = panels;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.get(PATH, ctx -> JsonAnswer.send(ctx, 200, Map.of("dashboards",
                dashboards.list().stream().map(Dashboard::toJson).toList())));
        routes.post(PATH, this::create);
        routes.post("/api/v1/panels/query", this::query);
        routes.get(PATH + "/{id}", ctx -> JsonAnswer.send(ctx, 200, find(ctx.pathParam("id")).toJson()));
        routes.put(PATH + "/{id}", this::replace);
        routes.delete(PATH + "/{id}", this::delete);
        routes.post(PATH + "/{id}/clone", this::copy);
    }

    private Dashboard find(String id) {
        return dashboards.find(id).orElseThrow(() -> new HttpError(404, "no dashboard " + id + "; GET " + PATH + " lists them"));
    }

    void create(Context ctx) throws IOException {
        Dashboard d = parse(body(ctx));
        if (!dashboards.create(d)) {
            throw new HttpError(409, "a dashboard with id " + d.id() + " exists; PUT " + PATH + "/" + d.id() + " replaces it");
        }
        JsonAnswer.send(ctx, 201, d.toJson());
    }

    void replace(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        refuseBuiltIn(id);
        ObjectNode body = body(ctx);
        if (body.has("id") && !id.equals(body.get("id").asText())) {
            throw new HttpError(400, "the id in the body differs from the one in the path; clone to make a new dashboard");
        }
        body.put("id", id);
        Dashboard d = parse(body);
        if (!dashboards.replace(d)) {
            throw new HttpError(404, "no dashboard " + id + "; POST " + PATH + " creates it");
        }
        JsonAnswer.send(ctx, 200, d.toJson());
    }

    void delete(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        refuseBuiltIn(id);
        if (!dashboards.delete(id)) {
            throw new HttpError(404, "no dashboard " + id);
        }
        ctx.status(204);
    }

    void copy(Context ctx) throws IOException {
        Dashboard original = find(ctx.pathParam("id"));
        JsonNode body = ctx.body().isBlank() ? EventJson.MAPPER.createObjectNode() : EventJson.MAPPER.readTree(ctx.body());
        ObjectNode json = EventJson.MAPPER.valueToTree(original.toJson());
        json.remove("built_in");
        json.put("id", body.path("id").asText(freeId(original.id() + "-copy")));
        json.put("title", body.path("title").asText(original.title() + " (copy)"));
        Dashboard copy = parse(json);
        if (!dashboards.create(copy)) {
            throw new HttpError(409, "a dashboard with id " + copy.id() + " exists");
        }
        JsonAnswer.send(ctx, 201, copy.toJson());
    }

    void query(Context ctx) throws IOException {
        ObjectNode body = body(ctx);
        ObjectNode wrapper = EventJson.MAPPER.createObjectNode();
        wrapper.put("id", "query").put("title", "query").putArray("panels").add(body.path("panel"));
        Dashboard.Panel panel = parse(wrapper).panels().get(0);
        Instant now = clock.instant();
        Instant from = DateMath.parse(body.path("from").asText("now-24h"), now);
        Instant to = DateMath.parse(body.path("to").asText("now"), now);
        if (!from.isBefore(to)) {
            throw new HttpError(400, "\"from\" must be before \"to\"");
        }
        JsonAnswer.send(ctx, 200, panels.run(panel, from, to));
    }

    private String freeId(String base) {
        String id = base.length() > 60 ? base.substring(0, 60) : base;
        for (int i = 2; dashboards.find(id).isPresent(); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private void refuseBuiltIn(String id) {
        if (dashboards.isBuiltIn(id)) {
            throw new HttpError(409, "dashboard " + id + " is built in and read-only; POST " + PATH + "/" + id
                    + "/clone makes an editable copy");
        }
    }

    private static Dashboard parse(JsonNode json) {
        try {
            return Dashboard.fromJson(Dashboards.withoutBuiltInFlag(json), false);
        } catch (DashboardException e) {
            throw new HttpError(400, e.getMessage(), Map.of("problems", e.problems()));
        }
    }

    private static ObjectNode body(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new HttpError(400, "request body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "request body must be a JSON object");
        }
        return (ObjectNode) body;
    }
}
