package io.vigil.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.util.Locale;
import java.util.Map;

/**
 * Reading for the parsers of JSON formats (CloudTrail, Kubernetes audit, Wazuh): one shared reader
 * and null-safe access to fields. Every accessor answers null for a missing, null or empty value,
 * so a mapping can pass its result straight to {@link Event#put}, which ignores nulls. Thread-safe.
 */
final class JsonNodes {
    private JsonNodes() {}

    /**
     * Tolerates raw control characters inside strings, which hand-edited samples and some exports
     * carry, but rejects text after the document so half-garbage lines are not accepted.
     */
    private static final JsonMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The JSON document in {@code text}; never null (an empty text gives a missing node). */
    static JsonNode read(String text) throws JsonProcessingException {
        JsonNode node = READER.readTree(text);
        return node == null ? READER.missingNode() : node;
    }

    /** The failure for text that is not JSON, with the parser's own words and the column. */
    static ParseResult.Failed invalid(RawEvent raw, JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
        return new ParseResult.Failed(raw, "invalid JSON: " + e.getOriginalMessage() + where);
    }

    /**
     * An element of a batch (a CloudTrail file, an audit EventList) that is not a record: kept as an
     * event tagged {@code _parse_failure} with its text, so that it is counted rather than dropped
     * while the batch's other records parse.
     */
    static Event rejected(JsonNode element, String dataset, String reason) {
        return new Event()
                .put(Ecs.MESSAGE, element.toString())
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.ERROR_MESSAGE, reason + ": " + kind(element))
                .tag(Ecs.TAG_PARSE_FAILURE);
    }

    /** What a node is, in words for a failure reason. */
    static String kind(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A scalar field as text ({@code 200} gives {@code "200"}); null when absent, null, empty or a container. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** A whole number field, also when written as a string ({@code "22"}); null otherwise. */
    static Long number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual() && !v.textValue().isEmpty() && v.textValue().length() <= 18
                && v.textValue().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(v.textValue());
        }
        return null;
    }

    /** A boolean field, also when written {@code "true"}/{@code "false"}; null otherwise. */
    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /**
     * A field kept as compact JSON text, for free-form parts (request parameters, request bodies)
     * whose keys differ per call: as text they stay searchable without adding a field per key.
     */
    static String json(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isMissingNode() || (v.isContainerNode() && v.isEmpty())) {
            return null;
        }
        return v.isTextual() ? emptyToNull(v.textValue()) : v.toString();
    }

    /** Copies an object's fields, flattened to dotted names, under {@code prefix}. */
    static void putAll(Event event, String prefix, JsonNode object) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (Map.Entry<String, Object> f : EventJson.fromJson(object).fields().entrySet()) {
            event.put(prefix + f.getKey(), f.getValue());
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The first argument that is not null. */
    static String first(String a, String b) {
        return a != null ? a : b;
    }
}
