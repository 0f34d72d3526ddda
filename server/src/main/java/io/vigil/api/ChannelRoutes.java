package io.vigil.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.event.EventJson;
import io.vigil.notify.Channel;
import io.vigil.notify.ChannelException;
import io.vigil.notify.ChannelFormat;
import io.vigil.notify.Delivery;
import io.vigil.notify.Notifier;
import io.vigil.state.ChannelStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notification channels over HTTP.
 *
 * <ul>
 *   <li>{@code GET /api/v1/channels}: {@code {"channels": [...]}}</li>
 *   <li>{@code POST /api/v1/channels}: create; 201, or 409 when the name is taken</li>
 *   <li>{@code GET /api/v1/channels/{name}}, {@code PUT} (replace; secrets left out are kept),
 *       {@code DELETE} (204); 404 when absent</li>
 *   <li>{@code POST /api/v1/channels/{name}/test}: sends a test message now and answers
 *       {@code {"delivered": true|false, "detail"|"error": "...", "took_ms": N}} (200 either way:
 *       the test ran)</li>
 * </ul>
 *
 * Secrets are never answered: {@code "password_set"}, {@code "secret_set"}, {@code "url_set"}
 * (Slack), header values as {@code "***"}. An invalid definition is 400 with
 * {@code "problems": ["field: what is wrong", ...]}.
 */
public final class ChannelRoutes {
    static final String PATH = "/api/v1/channels";

    private final ChannelStore channels;
    private final Notifier notifier;

    public ChannelRoutes(ChannelStore channels, Notifier notifier) {
        this.channels = channels;
        this.notifier = notifier;
    }

    /** Declares the routes on a Javalin configuration (behind the same credential check as every route). */
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{name}", this::get);
        routes.put(PATH + "/{name}", this::replace);
        routes.delete(PATH + "/{name}", this::delete);
        routes.post(PATH + "/{name}/test", this::test);
    }

    void list(Context ctx) {
        Responses.json(ctx, 200, Map.of("channels", channels.list().stream().map(c -> c.toMap(false)).toList()));
    }

    void get(Context ctx) {
        Responses.json(ctx, 200, find(ctx.pathParam("name")).toMap(false));
    }

    void create(Context ctx) throws IOException {
        Channel c = parse(body(ctx), null);
        try {
            Responses.json(ctx, 201, channels.create(c).toMap(false));
        } catch (IllegalStateException e) {
            throw new HttpError(409, e.getMessage() + "; change it with PUT " + PATH + "/" + c.name());
        }
    }

    void replace(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Channel previous = find(name);
        Map<String, Object> body = body(ctx);
        Object bodyName = body.putIfAbsent("name", name);
        if (bodyName != null && !name.equals(bodyName)) {
            throw new HttpError(400, "the body's name " + bodyName + " differs from the path's " + name
                    + " (to rename, create the new channel and delete the old one)");
        }
        Responses.json(ctx, 200, channels.replace(parse(body, previous)).toMap(false));
    }

    void delete(Context ctx) throws IOException {
        if (!channels.delete(ctx.pathParam("name"))) {
            throw notFound(ctx.pathParam("name"));
        }
        ctx.status(204);
    }

    void test(Context ctx) {
        Channel c = find(ctx.pathParam("name"));
        long start = System.nanoTime();
        Delivery d = notifier.test(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", c.name());
        out.put("type", c.type());
        out.put("target", c.describe());
        if (d instanceof Delivery.Sent s) {
            out.put("delivered", true);
            out.put("detail", s.detail());
        } else {
            out.put("delivered", false);
            out.put("error", ((Delivery.Failed) d).reason());
        }
        out.put("took_ms", (System.nanoTime() - start) / 1_000_000);
        Responses.json(ctx, 200, out);
    }

    private Channel find(String name) {
        return channels.get(name).orElseThrow(() -> notFound(name));
    }

    private static HttpError notFound(String name) {
        return new HttpError(404, "no channel " + name + " (GET " + PATH + " lists them)");
    }

    private static Channel parse(Map<String, Object> body, Channel previous) {
        try {
            return ChannelFormat.fromMap(body, previous);
        } catch (ChannelException e) {
            throw new HttpError(400, "invalid channel: " + e.problems().size() + " problem(s)", Map.of("problems", e.problems()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Context ctx) {
        Object parsed;
        try {
            parsed = EventJson.MAPPER.readValue(ctx.bodyInputStream(), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpError(400, "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "cannot read the body: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new HttpError(400, "a channel must be a JSON object such as {\"name\": \"default\", \"type\": \"email\", \"to\": [\"soc@example.com\"]}");
        }
        return new LinkedHashMap<>((Map<String, Object>) parsed);
    }
}
