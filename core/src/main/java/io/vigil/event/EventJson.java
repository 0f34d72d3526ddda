package io.vigil.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between events and JSON. Output is a nested ECS document
 * ({@code {"source":{"ip":"1.2.3.4"}}}); input may be nested, dotted or both and is flattened.
 * Dates are written as ISO-8601 strings. Thread-safe.
 */
public final class EventJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {}

    /** The event as a nested ECS JSON object. */
    public static ObjectNode toNested(Event event) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, Object> e : event.fields().entrySet()) {
            putNested(root, e.getKey(), toNode(e.getValue()));
        }
        return root;
    }

    /** The event as a flat JSON object ({@code {"source.ip": ...}}). */
    public static ObjectNode toFlat(Event event) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, Object> e : event.fields().entrySet()) {
            root.set(e.getKey(), toNode(e.getValue()));
        }
        return root;
    }

    private static void putNested(ObjectNode root, String dotted, JsonNode value) {
        ObjectNode node = root;
        int start = 0;
        int dot;
        // A leading "@" or a segment already holding a scalar keeps the rest of the name flat.
        while ((dot = dotted.indexOf('.', start)) > 0) {
            String segment = dotted.substring(start, dot);
            JsonNode child = node.get(segment);
            if (child == null) {
                child = node.putObject(segment);
            } else if (!child.isObject()) {
                node.set(dotted.substring(start), value);
                return;
            }
            node = (ObjectNode) child;
            start = dot + 1;
        }
        String leaf = dotted.substring(start);
        if (node.get(leaf) instanceof ObjectNode existing) {
            // "a" as a scalar next to "a.b": JSON cannot hold both under one key.
            existing.set("_value", value);
            return;
        }
        node.set(leaf, value);
    }

    public static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i.longValue());
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Instant t) {
            return NODES.textNode(t.toString());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object o : list) {
                array.add(toNode(o));
            }
            return array;
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return NODES.textNode(value.toString());
    }

    /** Flattens a JSON object into dotted fields of a new event. Arrays of objects stay JSON text. */
    public static Event fromJson(JsonNode object) {
        Event event = new Event();
        flatten("", object, event);
        return event;
    }

    private static void flatten(String prefix, JsonNode node, Event event) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                if (v.isEmpty()) {
                    continue;
                }
                flatten(name, v, event);
            } else {
                Object value = fromNode(v);
                if (value != null) {
                    event.put(name, value);
                }
            }
        }
    }

    /** A scalar or array JSON node as an event value; objects inside arrays become JSON text. */
    public static Object fromNode(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.asText();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            for (JsonNode item : v) {
                Object o = item.isContainerNode() ? item.toString() : fromNode(item);
                if (o != null) {
                    list.add(o);
                }
            }
            return list.isEmpty() ? null : list;
        }
        return v.toString();
    }

    /**
     * The event as flat JSON bytes, written in one streaming pass (the storage hot path: the same
     * bytes go to the write-ahead log and become the stored document).
     */
    public static byte[] toFlatBytes(Event event) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 + event.size() * 48);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : event.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeValue(com.fasterxml.jackson.core.JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i.longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant t) {
            g.writeString(t.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof JsonNode node) {
            MAPPER.writeTree(g, node);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /** Reads a flat JSON object written by {@link #toFlat}, restoring dates for the given fields. */
    public static LinkedHashMap<String, Object> readFlat(byte[] json) throws IOException {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, fromNode(MAPPER.readTree(p)));
            }
        }
        return out;
    }
}
