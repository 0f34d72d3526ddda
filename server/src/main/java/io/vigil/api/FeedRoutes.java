package io.vigil.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.event.Cidr;
import io.vigil.event.EventJson;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.FeedException;
import io.vigil.intel.Listing;
import io.vigil.intel.feeds.IntelFeeds;
import io.vigil.rules.Severity;
import io.vigil.state.FeedStore;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Threat feeds and address look-ups over HTTP.
 *
 * <ul>
 *   <li>{@code GET /api/v1/feeds}: {@code {"feeds": [feed]}}, each feed its definition plus
 *       {@code built_in}, {@code changed} and {@code health} ({@code last_success},
 *       {@code last_attempt}, {@code last_error}, {@code entries}, {@code age_seconds},
 *       {@code stale}, ...); passwords are masked</li>
 *   <li>{@code GET /api/v1/feeds/{name}}: one feed</li>
 *   <li>{@code POST /api/v1/feeds}: {@code {"name", "url", "format", "enabled", "refresh",
 *       "context", "severity"}} plus optional {@code confidence}, {@code description} and format
 *       options; 201, 400 listing every problem, 409 when the name is taken</li>
 *   <li>{@code PUT /api/v1/feeds/{name}}: changes the given keys, keeping the others; a
 *       catalogue feed keeps the change as an override</li>
 *   <li>{@code DELETE /api/v1/feeds/{name}}: a user feed and its cached data; 409 for a catalogue
 *       feed (disable it instead)</li>
 *   <li>{@code POST /api/v1/feeds/{name}/refresh}: fetches now, answers
 *       {@code {"entries", "added", "removed"}}; 502 with the error when the fetch fails (the last
 *       good data stays), 409 for a disabled feed or one without URL</li>
 *   <li>{@code POST /api/v1/feeds/{name}/upload}: the request body is the feed's contents in its
 *       format; answers like refresh</li>
 *   <li>{@code GET /api/v1/intel/ip/{ip}}: {@code {"ip", "listed", "severity", "feeds",
 *       "matches": [{"feed", "entry", "context", "severity", "confidence", "description",
 *       "url"}]}}: which enabled feeds list the address, by which entry, and why</li>
 * </ul>
 */
public final class FeedRoutes {
    static final String PATH = "/api/v1/feeds";
    private static final String MASK = "********";

    private final IntelFeeds feeds;

    public FeedRoutes(IntelFeeds feeds) {
        this.feeds = feeds;
    }

    /** Declares the routes on a Javalin configuration (behind the same credential check as every route). */
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{name}", this::get);
        routes.put(PATH + "/{name}", this::replace);
        routes.delete(PATH + "/{name}", this::delete);
        routes.post(PATH + "/{name}/refresh", this::refresh);
        routes.post(PATH + "/{name}/upload", this::upload);
        routes.get("/api/v1/intel/ip/{ip}", this::lookup);
    }

    void list(Context ctx) {
        Instant now = feeds.clock().instant();
        Responses.json(ctx, 200, Map.of("feeds", feeds.list().stream().map(v -> view(v, now)).toList()));
    }

    void get(Context ctx) {
        Responses.json(ctx, 200, view(found(ctx.pathParam("name")), feeds.clock().instant()));
    }

    void create(Context ctx) throws IOException {
        FeedDefinition feed = definition(body(ctx));
        if (feeds.create(feed) == FeedStore.Outcome.EXISTS) {
            throw new HttpError(409, "a feed named '" + feed.name() + "' exists; PUT " + PATH + "/" + feed.name() + " changes it");
        }
        ctx.header("Location", PATH + "/" + feed.name());
        Responses.json(ctx, 201, view(found(feed.name()), feeds.clock().instant()));
    }

    void replace(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Map<String, Object> changes = body(ctx);
        if (changes.containsKey("name") && !name.equals(String.valueOf(changes.get("name")))) {
            throw new HttpError(400, "the name in the body ('" + changes.get("name") + "') differs from the one in the path ('"
                    + name + "'); to rename, create the new feed and delete the old one");
        }
        Map<String, Object> merged = new LinkedHashMap<>(found(name).entry().feed().toMap(true));
        changes.forEach((k, v) -> {
            if (!(k.equals("password") && MASK.equals(v))) {
                merged.put(k, v);
            }
        });
        feeds.replace(definition(merged));
        Responses.json(ctx, 200, view(found(name), feeds.clock().instant()));
    }

    void delete(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        switch (feeds.delete(name)) {
            case MISSING -> throw notFound(name);
            case BUILT_IN -> throw new HttpError(409, "feed " + name + " is in the built-in catalogue: it cannot be deleted,"
                    + " but it can be disabled (PUT " + PATH + "/" + name + " {\"enabled\": false})");
            case DONE, EXISTS -> Responses.json(ctx, 200, Map.of("deleted", name));
        }
    }

    void refresh(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        try {
            Responses.json(ctx, 200, feeds.refresh(name).toJson());
        } catch (IntelFeeds.RefreshFailed e) {
            throw new HttpError(502, "refresh of feed " + name + " failed, its last good data stays in force: " + e.getMessage());
        } catch (NoSuchElementException e) {
            throw notFound(name);
        } catch (IllegalStateException e) {
            throw new HttpError(409, e.getMessage());
        }
    }

    void upload(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        try {
            Responses.json(ctx, 200, feeds.upload(name, ctx.body()).toJson());
        } catch (IntelFeeds.RefreshFailed e) {
            throw new HttpError(400, "upload to feed " + name + " not applied: " + e.getMessage());
        } catch (NoSuchElementException e) {
            throw notFound(name);
        } catch (IllegalStateException e) {
            throw new HttpError(409, e.getMessage());
        }
    }

    void lookup(Context ctx) {
        String ip = ctx.pathParam("ip");
        Cidr address = Cidr.address(ip).orElseThrow(() -> new HttpError(400, "'" + ip + "' is not an IPv4 or IPv6 address"));
        List<IntelFeeds.Explanation> why = feeds.explain(address);
        List<Listing> listings = feeds.matcher().match(address);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", address.toString());
        out.put("listed", !listings.isEmpty());
        out.put("severity", listings.stream().map(Listing::severity).max(Enum::compareTo).map(Severity::id).orElse(null));
        out.put("feeds", listings.stream().map(Listing::feed).distinct().toList());
        out.put("matches", why.stream().map(FeedRoutes::match).toList());
        Responses.json(ctx, 200, out);
    }

    private static Map<String, Object> match(IntelFeeds.Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feed", e.feed().name());
        m.put("entry", e.entry().toString());
        m.put("context", e.context());
        m.put("severity", e.feed().severity().id());
        m.put("confidence", e.feed().confidence());
        m.put("description", e.feed().description());
        m.put("url", e.feed().url());
        return m;
    }

    private static Map<String, Object> view(IntelFeeds.View v, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>(v.entry().feed().toMap(false));
        m.put("built_in", v.entry().builtIn());
        m.put("changed", v.entry().changed());
        m.put("health", v.status().toJson(v.entry().feed(), now));
        return m;
    }

    private IntelFeeds.View found(String name) {
        return feeds.get(name).orElseThrow(() -> notFound(name));
    }

    private static HttpError notFound(String name) {
        return new HttpError(404, "no feed named '" + name + "'; GET " + PATH + " lists them");
    }

    private static Map<String, Object> body(Context ctx) {
        try {
            Map<String, Object> m = EventJson.MAPPER.readValue(ctx.body(), new TypeReference<Map<String, Object>>() {});
            if (m == null) {
                throw new HttpError(400, "body must be a JSON object describing a feed");
            }
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpError(400, "body must be a JSON object describing a feed: " + e.getOriginalMessage());
        }
    }

    private static FeedDefinition definition(Map<String, Object> m) {
        try {
            return FeedDefinition.fromMap(m);
        } catch (FeedException e) {
            throw new HttpError(400, "invalid feed: " + e.problems().size() + " problem(s)", Map.of("problems", e.problems()));
        }
    }
}
