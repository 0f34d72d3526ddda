package io.vigil.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.ingest.UnknownTypeException;
import io.vigil.query.QueryException;
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

    /** Registers routes, the credential check and error mapping on a Javalin configuration. */
    public static void configure(JavalinConfig config, Tokens tokens, EventStore store, IngestRoutes ingest,
                                 PrometheusMeterRegistry metrics, Clock clock) {
        Auth auth = new Auth(tokens);
        SearchRoutes search = new SearchRoutes(store, clock);
        var routes = config.routes;
        routes.before(auth::check);
        routes.beforeMatched(auth::authorize);
        routes.get("/health", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.post(IngestRoutes.PATH, ingest::ingest, Access.INGEST);
        routes.get("/api/v1/search", search::get);
        routes.post("/api/v1/search", search::post);
        routes.get("/api/v1/fields", search::fields);
        new ElasticRoutes(ingest, store, clock).register(routes); // last: it has a catch-all /{index}

        routes.exception(HttpError.class, (e, ctx) -> Responses.error(ctx, e));
        routes.exception(QueryException.class, (e, ctx) -> Responses.error(ctx,
                new HttpError(400, e.getMessage(), e.position() > 0 ? Map.of("position", e.position()) : Map.of())));
        routes.exception(UnknownTypeException.class, (e, ctx) -> Responses.error(ctx, new HttpError(400, e.getMessage())));
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
