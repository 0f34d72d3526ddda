package io.vigil.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.ingest.UnknownTypeException;
import io.vigil.query.QueryException;
import io.vigil.rules.RuleException;
import io.vigil.state.Tokens;
import io.vigil.store.EventStore;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares every route and the one place where exceptions become HTTP answers.
 */
public final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private Api() {}

    /** Everything the routes serve. */
    public record Services(Tokens tokens, EventStore logs, IngestRoutes ingest, PrometheusMeterRegistry metrics,
                           Clock clock, io.vigil.server.Detector detector, io.vigil.state.RuleRepository rules,
                           ParserRoutes parsers, ChannelRoutes channels, FeedRoutes feeds,
                           io.vigil.web.WebUi ui) {}

    /** Registers routes, the credential check and error mapping on a Javalin configuration. */
    public static void configure(JavalinConfig config, Services s) {
        Auth auth = new Auth(s.tokens(), s.ui().gate());
        SearchRoutes search = new SearchRoutes(s.logs(), s.clock());
        RuleRoutes rules = new RuleRoutes(s.rules(), s.logs(), s.clock());
        EventRoutes events = new EventRoutes(s.detector(), s.logs(), s.clock());
        var routes = config.routes;
        routes.before(auth::check);
        routes.beforeMatched(auth::authorize);
        routes.get("/health", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape()));
        routes.post(IngestRoutes.PATH, s.ingest()::ingest, Access.INGEST);
        routes.get("/api/v1/search", search::get);
        routes.post("/api/v1/search", search::post);
        routes.get("/api/v1/fields", search::fields);
        routes.get(ThreatRoutes.PATH, new ThreatRoutes(s.logs(), s.clock())::summary);
        s.parsers().register(config);
        s.channels().register(config);
        s.feeds().register(config);
        new TokenRoutes(s.tokens()).register(config);
        s.ui().register(config);

        routes.get("/api/v1/rules", rules::list);
        routes.post("/api/v1/rules", rules::create);
        routes.post("/api/v1/rules/preview", rules::preview);
        routes.post("/api/v1/rules/import", rules::importYaml);
        routes.get("/api/v1/rules/export", rules::exportYaml);
        routes.get("/api/v1/rules/{id}", rules::get);
        routes.put("/api/v1/rules/{id}", rules::update);
        routes.delete("/api/v1/rules/{id}", rules::delete);
        routes.post("/api/v1/rules/{id}/enable", rules::enable);
        routes.post("/api/v1/rules/{id}/disable", rules::disable);
        routes.post("/api/v1/rules/{id}/reset", rules::reset);

        routes.get("/api/v1/events", events::list);
        routes.get("/api/v1/events/{id}", events::get);
        routes.patch("/api/v1/events/{id}", events::patch);
        new ElasticRoutes(s.ingest(), s.logs(), s.clock()).register(routes); // last: it has a catch-all /{index}

        routes.exception(HttpError.class, (e, ctx) -> Responses.error(ctx, e));
        routes.exception(QueryException.class, (e, ctx) -> Responses.error(ctx,
                new HttpError(400, e.getMessage(), e.position() > 0 ? Map.of("position", e.position()) : Map.of())));
        routes.exception(UnknownTypeException.class, (e, ctx) -> Responses.error(ctx, new HttpError(400, e.getMessage())));
        routes.exception(RuleException.class, (e, ctx) -> Responses.error(ctx, new HttpError(400,
                "invalid rule: " + e.problems().size() + " problem(s)", Map.of("problems", e.problems().stream()
                        .map(p -> Map.of("origin", p.origin(), "line", p.line(), "field", p.field(), "message", p.message()))
                        .toList()))));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Responses.error(ctx, new HttpError(500, "internal error (" + e.getClass().getSimpleName()
                    + "); the server log has the details"));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                Responses.error(ctx, new HttpError(404, "no such route: " + ctx.method() + " " + ctx.path()));
            }
        });
        routes.error(405, ctx -> Responses.error(ctx, new HttpError(405, "method " + ctx.method() + " not allowed on " + ctx.path())));
    }

    /** Creates the Javalin app (not started). */
    public static Javalin create(String host, int port, long maxBodyBytes, java.util.function.Consumer<JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = maxBodyBytes;
            config.startup.showJavalinBanner = false;
            routes.accept(config);
        });
    }
}
