package io.vigil.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One log record: dotted ECS field names mapped to values, in insertion order.
 *
 * <p>Not thread-safe: an event belongs to one pipeline stage at a time. Null values are not
 * stored ({@link #put} with null removes the field).
 */
public final class Event {
    private final LinkedHashMap<String, Object> fields;

    public Event() {
        this.fields = new LinkedHashMap<>();
    }

    private Event(LinkedHashMap<String, Object> fields) {
        this.fields = fields;
    }

    /** An event holding a copy of the given flat fields. */
    public static Event of(Map<String, ?> flat) {
        Event event = new Event();
        flat.forEach(event::put);
        return event;
    }

    public Event put(String field, Object value) {
        Objects.requireNonNull(field, "field");
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return this;
    }

    /** Sets a value only when the field is absent. */
    public Event putIfAbsent(String field, Object value) {
        if (value != null) {
            fields.putIfAbsent(field, value);
        }
        return this;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Object remove(String field) {
        return fields.remove(field);
    }

    /** The value as a string, or null when absent. Lists give their first element. */
    public String getString(String field) {
        Object v = fields.get(field);
        if (v instanceof List<?> list) {
            v = list.isEmpty() ? null : list.get(0);
        }
        return v == null ? null : v.toString();
    }

    public Instant timestamp() {
        return fields.get(Ecs.TIMESTAMP) instanceof Instant t ? t : null;
    }

    public String id() {
        return getString(Ecs.ID);
    }

    /** Adds a value to a multi-valued field, keeping it a list without duplicates. */
    public Event add(String field, Object value) {
        Object current = fields.get(field);
        List<Object> list;
        if (current == null) {
            list = new ArrayList<>(2);
        } else if (current instanceof List<?> existing) {
            list = new ArrayList<>(existing);
        } else {
            list = new ArrayList<>(2);
            list.add(current);
        }
        if (!list.contains(value)) {
            list.add(value);
        }
        fields.put(field, list);
        return this;
    }

    public Event tag(String tag) {
        return add(Ecs.TAGS, tag);
    }

    public boolean hasTag(String tag) {
        Object v = fields.get(Ecs.TAGS);
        return v instanceof List<?> list ? list.contains(tag) : tag.equals(v);
    }

    /** Read-only view of the flat fields. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public int size() {
        return fields.size();
    }

    public Event copy() {
        return new Event(new LinkedHashMap<>(fields));
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
