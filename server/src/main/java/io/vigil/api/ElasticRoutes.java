package io.vigil.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.vigil.ingest.ElasticBulk;
import io.vigil.ingest.IngestReport;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Elasticsearch HTTP API that log shippers use, so that rsyslog, syslog-ng,
 * Filebeat, Logstash, Fluent Bit, Vector and Elasticsearch clients can point at Vigil as if it
 * were Elasticsearch 8.11:
 * <ul>
 *   <li>{@code GET|HEAD /}: cluster information;</li>
 *   <li>{@code POST|PUT /_bulk}, {@code POST|PUT /<index>/_bulk}: see {@link ElasticBulk}; always
 *       200 with per-item results, gzip bodies accepted, any content type read as NDJSON;</li>
 *   <li>{@code POST|PUT /<index>/_doc[/<id>]}, {@code /<index>/_create/<id>}: one document, 201;</li>
 *   <li>{@code POST|GET /_refresh}, {@code /<index>/_refresh}: everything stored becomes searchable;</li>
 *   <li>the probes shippers make before sending, answered harmlessly by {@link ElasticProbes}.</li>
 * </ul>
 * Every answer carries {@code X-Elastic-Product: Elasticsearch}, which clients since 7.14 require.
 * Bodies share the ingest limits and back-pressure of {@link IngestRoutes} (413, 429). Query
 * {@code ?refresh=true|wait_for} makes stored documents searchable before the answer. Every route
 * is an ingest route ({@link Access#INGEST}).
 *
 * <p>Register these after Vigil's own routes: {@code /<index>} matches any one-segment path and
 * Javalin serves the route registered first.
 */
public final class ElasticRoutes {
    static final String PRODUCT_HEADER = "X-Elastic-Product";
    private static final Pattern COMPATIBLE_WITH = Pattern.compile("compatible-with=(\\d+)");
    private static final HandlerType[] READ = {HandlerType.GET, HandlerType.HEAD};
    private static final HandlerType[] WRITE = {HandlerType.POST, HandlerType.PUT};

    private final IngestRoutes ingest;
    private final ElasticBulk bulk;
    private final EventStore store;
    private final ElasticProbes probes = new ElasticProbes();
    private final ElasticAnswers answers = new ElasticAnswers();

    public ElasticRoutes(IngestRoutes ingest, EventStore store, Clock clock) {
        this.ingest = ingest;
        this.bulk = new ElasticBulk(ingest.pipeline(), store, clock);
        this.store = store;
    }

    /** Adds every route, each marked {@link Access#INGEST}. */
    public void register(JavalinDefaultRoutingApi routes) {
        on(routes, "/", ctx -> answer(ctx, 200, probes.info()), READ);
        on(routes, "/_bulk", this::bulk, WRITE);
        on(routes, "/{index}/_bulk", this::bulk, WRITE);
        on(routes, "/{index}/_doc", ctx -> document(ctx, "index"), HandlerType.POST);
        on(routes, "/{index}/_doc/{id}", ctx -> document(ctx, "index"), WRITE);
        on(routes, "/{index}/_create/{id}", ctx -> document(ctx, "create"), WRITE);
        on(routes, "/_refresh", this::refresh, HandlerType.POST, HandlerType.GET);
        on(routes, "/{index}/_refresh", this::refresh, HandlerType.POST, HandlerType.GET);
        probes.register((path, handler, methods) -> on(routes, path, handler, methods));
    }

    private void on(JavalinDefaultRoutingApi routes, String path, Handler handler, HandlerType... methods) {
        Handler marked = ctx -> {
            ctx.header(PRODUCT_HEADER, "Elasticsearch");
            handler.handle(ctx);
        };
        for (HandlerType method : methods) {
            routes.addHttpHandler(method, path, marked, Access.INGEST);
        }
    }

    private void bulk(Context ctx) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String index = ctx.pathParamMap().get("index");
        List<ElasticBulk.Item> items = ingest.withBody(ctx, body -> bulk.bulk(body, index));
        refreshIfAsked(ctx);
        count(items, System.nanoTime() - start);
        answer(ctx, 200, answers.bulk(items, (System.nanoTime() - start) / 1_000_000));
    }

    private void document(Context ctx, String op) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String index = ctx.pathParam("index");
        String id = ctx.pathParamMap().get("id");
        int max = ingest.pipeline().maxLineBytes();
        ElasticBulk.Item item = ingest.withBody(ctx, body -> {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new HttpError(413, "document exceeds " + max + " bytes (ingest.max_line_bytes)");
            }
            return bulk.one(op, index, id, new String(bytes, StandardCharsets.UTF_8));
        });
        refreshIfAsked(ctx);
        count(List.of(item), System.nanoTime() - start);
        if (item.stored()) {
            ctx.header("Location", "/" + index + "/_doc/" + item.id());
            answer(ctx, 201, answers.document(item));
        } else {
            answer(ctx, item.status(), ElasticAnswers.error(item.error(), item.reason(), item.status()));
        }
    }

    /** {@code _refresh}: makes everything stored so far searchable now. */
    private void refresh(Context ctx) throws IOException {
        store.refresh();
        answer(ctx, 200, object("_shards", object("total", 1, "successful", 1, "failed", 0)));
    }

    private void refreshIfAsked(Context ctx) throws IOException {
        String refresh = ctx.queryParam("refresh");
        if (refresh != null && !refresh.equals("false")) {
            store.refresh();
        }
    }

    /** Per type: items stored and refused, and how the stored ones parsed. */
    private void count(List<ElasticBulk.Item> items, long nanos) {
        Map<String, Tally> perType = new TreeMap<>();
        for (ElasticBulk.Item item : items) {
            perType.computeIfAbsent(item.type() == null ? "unknown" : item.type(), t -> new Tally()).add(item);
        }
        perType.forEach((type, t) -> {
            ingest.metrics().bulkItems(type, t.parsed + t.unparsed, t.refused);
            if (t.parsed + t.unparsed > 0) {
                ingest.metrics().ingested(type, new IngestReport(t.parsed, t.unparsed, List.of()), nanos);
            }
        });
    }

    /** Items of one type in one request. */
    private static final class Tally {
        long parsed;
        long unparsed;
        long refused;

        void add(ElasticBulk.Item item) {
            if (!item.stored()) {
                refused++;
            } else if (item.parsed()) {
                parsed++;
            } else {
                unparsed++;
            }
        }
    }

    /**
     * Writes a JSON answer. A client asking for the versioned media type (8.x clients in
     * compatibility mode) gets it back, as Elasticsearch does.
     */
    static void answer(Context ctx, int status, Object body) {
        Responses.json(ctx, status, body);
        String accept = ctx.header("Accept");
        Matcher compatible = accept == null ? null : COMPATIBLE_WITH.matcher(accept);
        if (compatible != null && compatible.find()) {
            ctx.contentType("application/vnd.elasticsearch+json;compatible-with=" + compatible.group(1));
        }
    }

    /** Builds answer bodies in the order Elasticsearch writes them. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
