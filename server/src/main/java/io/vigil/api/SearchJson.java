package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.DateMath;
import io.vigil.query.QueryException;
import io.vigil.query.SearchResult;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of search: aggregation requests in Elasticsearch style and results as
 * {@code {"total", "took", "hits", "aggregations"}}, hits being nested ECS documents.
 */
final class SearchJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SearchJson() {}

    /**
     * {@code {"name": {"date_histogram": {"field": "@timestamp", "interval": "1h"}}, "top": {"terms":
     * {"field": "source.ip", "size": 10}}, "ips": {"cardinality": {"field": "source.ip"}},
     * "bytes": {"stats": {"field": "http.response.body.bytes"}}}}
     */
    static Map<String, Aggregation> aggregations(JsonNode aggs) {
        Map<String, Aggregation> out = new LinkedHashMap<>();
        if (aggs == null || aggs.isNull() || aggs.isMissingNode()) {
            return out;
        }
        if (!aggs.isObject()) {
            throw new QueryException("\"aggs\" must be an object of named aggregations");
        }
        Iterator<Map.Entry<String, JsonNode>> it = aggs.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), aggregation(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Aggregation aggregation(String name, JsonNode spec) {
        if (!spec.isObject() || spec.size() != 1) {
            throw new QueryException("aggregation '" + name + "' must have exactly one of date_histogram, terms, cardinality, stats");
        }
        String kind = spec.fieldNames().next();
        JsonNode body = spec.get(kind);
        String field = body.path("field").asText(null);
        if (field == null || field.isBlank()) {
            throw new QueryException("aggregation '" + name + "' (" + kind + ") needs a \"field\"");
        }
        switch (kind) {
            case "date_histogram": {
                String interval = body.path("interval").asText(body.path("fixed_interval").asText(body.path("calendar_interval").asText(null)));
                if (interval == null) {
                    throw new QueryException("aggregation '" + name + "' (date_histogram) needs an \"interval\" such as 1h");
                }
                return new Aggregation.DateHistogram(field, DateMath.duration(interval));
            }
            case "terms":
                return new Aggregation.Terms(field, body.path("size").asInt(10));
            case "cardinality":
                return new Aggregation.Cardinality(field);
            case "stats":
                return new Aggregation.Stats(field);
            default:
                throw new QueryException("aggregation '" + name + "': unknown kind '" + kind
                        + "'; use date_histogram, terms, cardinality or stats");
        }
    }

    static ObjectNode result(SearchResult result) {
        ObjectNode root = NODES.objectNode();
        root.put("total", result.total());
        root.put("took", result.tookMillis());
        ArrayNode hits = root.putArray("hits");
        for (Event e : result.hits()) {
            hits.add(EventJson.toNested(e));
        }
        if (!result.aggregations().isEmpty()) {
            ObjectNode aggs = root.putObject("aggregations");
            result.aggregations().forEach((name, r) -> aggs.set(name, aggregation(r)));
        }
        return root;
    }

    private static ObjectNode aggregation(AggregationResult r) {
        ObjectNode node = NODES.objectNode();
        if (r instanceof AggregationResult.Buckets b) {
            ArrayNode buckets = node.putArray("buckets");
            for (AggregationResult.Bucket bucket : b.buckets()) {
                ObjectNode o = buckets.addObject();
                o.set("key", EventJson.toNode(bucket.key()));
                if (!bucket.keyAsString().equals(String.valueOf(bucket.key()))) {
                    o.put("key_as_string", bucket.keyAsString());
                }
                o.put("doc_count", bucket.docCount());
            }
            node.put("sum_other_doc_count", b.sumOtherDocCount());
        } else if (r instanceof AggregationResult.Value v) {
            node.put("value", v.value());
        } else if (r instanceof AggregationResult.Stats s) {
            node.put("count", s.count());
            node.set("min", EventJson.toNode(s.min()));
            node.set("max", EventJson.toNode(s.max()));
            node.set("avg", EventJson.toNode(s.avg()));
            node.put("sum", s.sum());
        }
        return node;
    }
}
