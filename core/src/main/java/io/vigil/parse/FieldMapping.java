package io.vigil.parse;

import io.vigil.event.Ecs;
import java.util.Locale;
import java.util.Objects;

/**
 * One step applied to the fields a grok pattern captured, in the order listed in a definition.
 *
 * <p>Field names are dotted ECS names; Logstash's {@code [source][ip]} form is accepted and
 * stored dotted. Every record validates itself when built and throws {@link IllegalArgumentException}
 * with a reason a person can act on. {@code message} cannot be written (it always holds the raw
 * line), nor can {@code _id} or {@code event.ingested} (the pipeline sets them). A step whose
 * source field is absent does nothing.
 */
public sealed interface FieldMapping {

    /** The field this step changes or creates. */
    String target();

    /** Moves a value to another name, replacing what was there. */
    record Rename(String from, String to) implements FieldMapping {
        public Rename {
            from = fieldName("rename", from, false);
            to = fieldName("to", to, true);
            if (from.equals(to)) {
                throw new IllegalArgumentException("rename from '" + from + "' to itself does nothing");
            }
        }

        @Override
        public String target() {
            return to;
        }
    }

    /**
     * Changes a value's type. When a value cannot be converted it is kept as it was, the event is
     * tagged {@code _convert_failure} and {@code error.message} says why.
     *
     * @param format for {@link Target#DATE} only: {@code iso8601}, {@code unix}, {@code unix_ms}, a
     *     Java {@code DateTimeFormatter} pattern, or null for the common log formats
     * @param timezone for {@link Target#DATE} only: the zone of times written without an offset
     *     (default UTC)
     */
    record Convert(String field, Target to, String format, String timezone) implements FieldMapping {
        public Convert {
            field = fieldName("convert", field, true);
            Objects.requireNonNull(to, "to");
            if (to != Target.DATE && (format != null || timezone != null)) {
                throw new IllegalArgumentException("format and timezone apply to dates only, not to " + to.id());
            }
            if (field.equals(Ecs.TIMESTAMP) && to != Target.DATE) {
                throw new IllegalArgumentException("@timestamp can only be converted to a date");
            }
            if (to == Target.DATE) {
                TimeFormat.of(format, timezone);
            }
        }

        public Convert(String field, Target to) {
            this(field, to, null, null);
        }

        @Override
        public String target() {
            return field;
        }
    }

    /** Removes a field. */
    record Drop(String field) implements FieldMapping {
        public Drop {
            field = fieldName("drop", field, true);
        }

        @Override
        public String target() {
            return field;
        }
    }

    /**
     * Sets a field to a constant, replacing what was there.
     *
     * @param value a {@code String}, {@code Long}, {@code Double} or {@code Boolean} (an
     *     {@code Integer} is stored as a {@code Long})
     */
    record Add(String field, Object value) implements FieldMapping {
        public Add {
            field = fieldName("add", field, true);
            if (value instanceof Integer i) {
                value = i.longValue();
            }
            if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
                throw new IllegalArgumentException("add needs a value that is a string, a number or true/false");
            }
            if (field.equals(Ecs.TIMESTAMP)) {
                throw new IllegalArgumentException("@timestamp cannot be a constant; capture it and convert it to a date");
            }
        }

        @Override
        public String target() {
            return field;
        }
    }

    /** Lower-cases a string value (or each string in a list); other values are left alone. */
    record Lowercase(String field) implements FieldMapping {
        public Lowercase {
            field = fieldName("lowercase", field, true);
        }

        @Override
        public String target() {
            return field;
        }
    }

    /** What {@link Convert} produces. */
    enum Target {
        /** A whole number ({@code Long}); decimals are cut towards zero, as Logstash does. */
        INT,
        /** A decimal number ({@code Double}). */
        FLOAT,
        /** An IPv4 or IPv6 literal, checked and kept as text. */
        IP,
        /** An instant; a field converted to a date may be renamed to {@code @timestamp}. */
        DATE;

        /** The lower-case name used in files and the API. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the allowed targets */
        public static Target of(String id) {
            for (Target t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("cannot convert to '" + id + "': use int, float, ip or date");
        }
    }

    private static String fieldName(String role, String name, boolean written) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(role + " needs a field name");
        }
        String dotted = FieldNames.normalize(name);
        if (dotted == null) {
            throw new IllegalArgumentException(FieldNames.explain(name));
        }
        if (written && FieldNames.reserved(dotted)) {
            throw new IllegalArgumentException(dotted + " cannot be changed by a mapping: "
                    + (dotted.equals(Ecs.MESSAGE) ? "it always holds the raw line" : "the pipeline sets it"));
        }
        return dotted;
    }
}
