package io.vigil.event;

import java.time.Instant;
import java.util.Map;

/**
 * The field types Vigil knows before it sees data (ECS), and the rule for guessing the type of a
 * field it has never seen. A store fixes a field's type the first time it indexes it.
 */
public final class Schema {
    private Schema() {}

    private static final Map<String, FieldType> KNOWN = Map.ofEntries(
            Map.entry(Ecs.TIMESTAMP, FieldType.DATE),
            Map.entry(Ecs.EVENT_INGESTED, FieldType.DATE),
            Map.entry("event.created", FieldType.DATE),
            Map.entry("event.start", FieldType.DATE),
            Map.entry("event.end", FieldType.DATE),
            Map.entry(Ecs.MESSAGE, FieldType.TEXT),
            Map.entry(Ecs.ERROR_MESSAGE, FieldType.TEXT),
            Map.entry(Ecs.EVENT_ORIGINAL, FieldType.TEXT),
            Map.entry(Ecs.SOURCE_PORT, FieldType.LONG),
            Map.entry(Ecs.DESTINATION_PORT, FieldType.LONG),
            Map.entry("client.port", FieldType.LONG),
            Map.entry("server.port", FieldType.LONG),
            Map.entry("source.bytes", FieldType.LONG),
            Map.entry("destination.bytes", FieldType.LONG),
            Map.entry("source.packets", FieldType.LONG),
            Map.entry("destination.packets", FieldType.LONG),
            Map.entry("network.bytes", FieldType.LONG),
            Map.entry("network.packets", FieldType.LONG),
            Map.entry("event.duration", FieldType.LONG),
            Map.entry("event.severity", FieldType.LONG),
            Map.entry("process.pid", FieldType.LONG),
            Map.entry("url.port", FieldType.LONG),
            Map.entry(Ecs.HTTP_RESPONSE_STATUS_CODE, FieldType.LONG),
            Map.entry(Ecs.HTTP_RESPONSE_BODY_BYTES, FieldType.LONG),
            Map.entry("http.response.bytes", FieldType.LONG),
            Map.entry("http.request.bytes", FieldType.LONG),
            Map.entry("http.request.body.bytes", FieldType.LONG),
            Map.entry("security.origin_feeds_num", FieldType.LONG),
            Map.entry("source.as.number", FieldType.LONG),
            Map.entry("destination.as.number", FieldType.LONG));

    /** The type of a field from ECS, by name alone, or null when the name says nothing. */
    public static FieldType known(String field) {
        FieldType type = KNOWN.get(field);
        if (type != null) {
            return type;
        }
        if (field.endsWith(".ip") || field.equals("ip") || field.equals("security.ioc.malicious_ip")) {
            return FieldType.IP;
        }
        return null;
    }

    /** The type for a field never seen before: from ECS when known, else from the value. */
    public static FieldType infer(String field, Object value) {
        FieldType type = known(field);
        if (type != null) {
            return type;
        }
        Object v = value instanceof java.util.List<?> list && !list.isEmpty() ? list.get(0) : value;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return FieldType.LONG;
        }
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            return FieldType.DOUBLE;
        }
        if (v instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        if (v instanceof Instant) {
            return FieldType.DATE;
        }
        return FieldType.KEYWORD;
    }
}
