package io.vigil.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.time.Instant;
import java.util.List;

/**
 * Generic JSON: one object per record, flattened to dotted names. The time is taken from
 * {@code @timestamp}, {@code timestamp}, {@code time}, {@code ts} or {@code date} (ISO-8601 or
 * epoch seconds/milliseconds). Without a {@code message} field the raw JSON becomes the message.
 */
public final class JsonParser implements Parser {
    private static final List<String> TIME_FIELDS = List.of("@timestamp", "timestamp", "time", "ts", "date");
    private final String dataset;

    public JsonParser(String dataset) {
        this.dataset = dataset;
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(raw.text());
        } catch (JsonProcessingException e) {
            // Jackson gives no location when a limit (nesting depth, number length) stops it.
            return JsonNodes.invalid(raw, e);
        }
        if (node == null || !node.isObject()) {
            return new ParseResult.Failed(raw, "expected a JSON object, got " + (node == null ? "nothing" : JsonNodes.kind(node)));
        }
        Event e = EventJson.fromJson(node);
        Instant time = null;
        for (String f : TIME_FIELDS) {
            Object v = e.get(f);
            if (v instanceof String s) {
                time = Timestamps.iso(s);
            } else if (v instanceof Number n) {
                time = Timestamps.epoch(n.doubleValue());
            }
            if (time != null) {
                break;
            }
        }
        e.put(Ecs.TIMESTAMP, time);
        e.putIfAbsent(Ecs.MESSAGE, raw.text());
        e.putIfAbsent(Ecs.EVENT_DATASET, dataset);
        return ParseResult.of(e);
    }
}
