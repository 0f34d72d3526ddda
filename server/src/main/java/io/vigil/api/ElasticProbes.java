package io.vigil.api;

import static io.vigil.api.ElasticRoutes.answer;
import static io.vigil.api.ElasticRoutes.object;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Harmless answers to what shippers ask before they send: cluster information, licence, X-Pack
 * features, templates, ILM policies, ingest pipelines, data streams, aliases, indices, nodes and
 * cluster health. Vigil has none of these things; it answers that each exists or was created, in
 * the shape Elasticsearch uses, so that a shipper goes on to {@code _bulk}. Nothing asked for is
 * kept. Thread-safe.
 */
final class ElasticProbes {
    static final String VERSION = "8.11.0";
    private static final String LUCENE_VERSION = "9.8.0";
    private static final String CLUSTER = "vigil";
    private static final HandlerType GET = HandlerType.GET;
    private static final HandlerType HEAD = HandlerType.HEAD;
    private static final HandlerType PUT = HandlerType.PUT;
    private static final HandlerType POST = HandlerType.POST;

    /** Adds a route for the given methods. */
    @FunctionalInterface
    interface Registrar {
        void on(String path, Handler handler, HandlerType... methods);
    }

    private final String clusterUuid = shortUuid();
    private final String nodeId = shortUuid();
    private final Instant started = Instant.now();

    /**
     * {@code GET /}. The version is 8.11.0: Beats since 8.11 accept an older cluster by default
     * and older Beats want one at least as new as themselves; Elasticsearch clients since 7.14 want
     * the product header and a version, and Logstash 8 wants major version 8.
     */
    Map<String, Object> info() {
        return object("name", CLUSTER, "cluster_name", CLUSTER, "cluster_uuid", clusterUuid,
                "version", object("number", VERSION, "build_flavor", "default", "build_type", "tar",
                        "build_hash", "vigil", "build_date", "2023-11-04T10:04:57.184859352Z", "build_snapshot", false,
                        "lucene_version", LUCENE_VERSION, "minimum_wire_compatibility_version", "7.17.0",
                        "minimum_index_compatibility_version", "7.0.0"),
                "tagline", "You Know, for Search");
    }

    void register(Registrar r) {
        r.on("/_license", ctx -> answer(ctx, 200, object("license", license())), GET);
        r.on("/_xpack", ctx -> answer(ctx, 200, xpack()), GET);
        r.on("/_cluster/health", this::health, GET);
        r.on("/_cluster/health/<indices>", this::health, GET);
        r.on("/_nodes", this::nodes, GET);
        r.on("/_nodes/<filter>", this::nodes, GET);
        r.on("/_cat", ctx -> cat(ctx), GET);
        r.on("/_cat/<what>", ctx -> cat(ctx), GET);
        named(r, "/_template", name -> object(name, object("order", 0, "index_patterns", List.of(name + "-*"),
                "settings", Map.of(), "mappings", Map.of(), "aliases", Map.of())));
        named(r, "/_index_template", name -> object("index_templates", List.of(object("name", name,
                "index_template", object("index_patterns", List.of(name + "-*"), "composed_of", List.of(), "template", Map.of())))));
        named(r, "/_component_template", name -> object("component_templates", List.of(object("name", name,
                "component_template", object("template", Map.of())))));
        named(r, "/_ilm/policy", name -> object(name, object("version", 1, "modified_date", started.toString(),
                "policy", object("phases", Map.of()))));
        named(r, "/_ingest/pipeline", name -> object(name, object("description", "accepted by Vigil", "processors", List.of())));
        named(r, "/_data_stream", name -> object("data_streams", List.of(object("name", name,
                "timestamp_field", object("name", "@timestamp"), "indices", List.of(), "generation", 1,
                "status", "GREEN", "template", name))));
        r.on("/_alias/{name}", ctx -> answer(ctx, 200, Map.of()), GET, HEAD);
        r.on("/{index}", ctx -> answer(ctx, 200, index(indexName(ctx))), GET, HEAD);
        r.on("/{index}", ctx -> answer(ctx, 200, object("acknowledged", true, "shards_acknowledged", true,
                "index", indexName(ctx))), PUT);
    }

    /** A kind of named object: listing it, reading or checking one (it exists), creating one. */
    private static void named(Registrar r, String base, Function<String, Object> one) {
        r.on(base, ctx -> answer(ctx, 200, Map.of()), GET);
        r.on(base + "/{name}", ctx -> answer(ctx, 200, one.apply(ctx.pathParam("name"))), GET, HEAD);
        r.on(base + "/{name}", ctx -> answer(ctx, 200, object("acknowledged", true)), PUT, POST);
    }

    private Map<String, Object> license() {
        return object("status", "active", "uid", clusterUuid, "type", "basic", "issue_date", started.toString(),
                "issue_date_in_millis", started.toEpochMilli(), "max_nodes", 1000, "max_resource_units", null,
                "issued_to", CLUSTER, "issuer", "elasticsearch", "start_date_in_millis", -1);
    }

    private Map<String, Object> xpack() {
        Map<String, Object> on = object("available", true, "enabled", true);
        return object("build", object("hash", "vigil", "date", "2023-11-04T10:04:57.184859352Z"),
                "license", object("uid", clusterUuid, "type", "basic", "mode", "basic", "status", "active"),
                "features", object("ilm", on, "security", object("available", true, "enabled", false),
                        "monitoring", on, "graph", object("available", false, "enabled", true)),
                "tagline", "You know, for X");
    }

    private void health(Context ctx) {
        answer(ctx, 200, object("cluster_name", CLUSTER, "status", "green", "timed_out", false,
                "number_of_nodes", 1, "number_of_data_nodes", 1, "active_primary_shards", 0, "active_shards", 0,
                "relocating_shards", 0, "initializing_shards", 0, "unassigned_shards", 0, "delayed_unassigned_shards", 0,
                "number_of_pending_tasks", 0, "number_of_in_flight_fetch", 0, "task_max_waiting_in_queue_millis", 0,
                "active_shards_percent_as_number", 100.0));
    }

    /**
     * One node. Its address is the one the client used (the Host header), so that a client that
     * sniffs nodes keeps talking to this server.
     */
    private void nodes(Context ctx) {
        String host = ctx.header("Host") == null ? "127.0.0.1" : ctx.header("Host");
        Map<String, Object> node = object("name", CLUSTER, "transport_address", host, "host", host, "ip", host,
                "version", VERSION, "build_flavor", "default", "build_type", "tar", "build_hash", "vigil",
                "roles", List.of("data", "ingest", "master"), "attributes", Map.of(),
                "http", object("bound_address", List.of(host), "publish_address", host),
                "ingest", object("processors", List.of()), "modules", List.of(), "plugins", List.of());
        answer(ctx, 200, object("_nodes", object("total", 1, "successful", 1, "failed", 0),
                "cluster_name", CLUSTER, "nodes", Map.of(nodeId, node)));
    }

    /** {@code _cat} lists nothing: an empty JSON array when JSON is asked for, else no lines. */
    private static void cat(Context ctx) {
        if ("json".equals(ctx.queryParam("format"))) {
            answer(ctx, 200, List.of());
        } else {
            ctx.status(200).contentType("text/plain; charset=UTF-8").result("");
        }
    }

    /** The index of the path; a name starting with "_" is an API Vigil does not have, not an index. */
    private static String indexName(Context ctx) {
        String name = ctx.pathParam("index");
        if (name.startsWith("_")) {
            throw new HttpError(404, "no such route: " + ctx.method() + " " + ctx.path());
        }
        return name;
    }

    private Map<String, Object> index(String name) {
        Map<String, Object> settings = object("index", object("number_of_shards", "1", "number_of_replicas", "0",
                "provided_name", name, "uuid", shortUuid(), "creation_date", Long.toString(started.toEpochMilli()),
                "version", object("created", "8110099")));
        return object(name, object("aliases", Map.of(), "mappings", Map.of(), "settings", settings));
    }

    /** A random UUID as Elasticsearch writes its ids: 22 base64url characters. */
    private static String shortUuid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
