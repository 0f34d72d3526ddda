package io.vigil.api;

import static io.vigil.api.ElasticRoutes.object;

import io.vigil.ingest.ElasticBulk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answer bodies of the document APIs in Elasticsearch's shape. Vigil has no versions, shards or
 * sequence numbers; the values given are the ones a fresh single-node cluster would give
 * ({@code _version} 1, one shard), with {@code _seq_no} counting up per process, so that clients
 * reading them find what they expect. Thread-safe.
 */
final class ElasticAnswers {
    private static final Map<String, Object> SHARDS = object("total", 1, "successful", 1, "failed", 0);
    private final AtomicLong seqNo = new AtomicLong();

    /** {@code {"took", "errors", "items": [{op: {...}}]}}. */
    Map<String, Object> bulk(List<ElasticBulk.Item> items, long tookMillis) {
        List<Object> out = new ArrayList<>(items.size());
        boolean errors = false;
        for (ElasticBulk.Item item : items) {
            errors |= !item.stored();
            out.add(Map.of(item.op(), item(item)));
        }
        return object("took", tookMillis, "errors", errors, "items", out);
    }

    /** The answer to a stored single document. */
    Map<String, Object> document(ElasticBulk.Item item) {
        return object("_index", item.index(), "_id", item.id(), "_version", 1, "result", "created",
                "_shards", SHARDS, "_seq_no", seqNo.getAndIncrement(), "_primary_term", 1);
    }

    /** An error answer: {@code {"error": {"root_cause": [...], "type", "reason"}, "status"}}. */
    static Map<String, Object> error(String type, String reason, int status) {
        Map<String, Object> cause = object("type", type, "reason", reason);
        return object("error", object("root_cause", List.of(cause), "type", type, "reason", reason), "status", status);
    }

    private Map<String, Object> item(ElasticBulk.Item item) {
        if (item.stored()) {
            Map<String, Object> out = document(item);
            out.put("status", 201);
            return out;
        }
        return object("_index", item.index(), "_id", item.id(), "status", item.status(),
                "error", object("type", item.error(), "reason", item.reason()));
    }
}
