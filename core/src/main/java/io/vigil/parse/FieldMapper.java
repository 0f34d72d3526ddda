package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Applies a list of {@link FieldMapping}s to an event, in order. Built once per parser (date
 * formats are compiled here, not per event); immutable and thread-safe.
 */
final class FieldMapper {
    /** Tag on an event where a convert mapping met a value it could not convert. */
    static final String TAG_CONVERT_FAILURE = "_convert_failure";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** One compiled mapping. */
    @FunctionalInterface
    private interface Step {
        void apply(Event event, Instant received);
    }

    private final List<Step> steps;

    private FieldMapper(List<Step> steps) {
        this.steps = steps;
    }

    static FieldMapper of(List<FieldMapping> mappings) {
        List<Step> steps = new ArrayList<>(mappings.size());
        for (FieldMapping m : mappings) {
            steps.add(step(m));
        }
        return new FieldMapper(List.copyOf(steps));
    }

    void apply(Event event, Instant received) {
        for (Step s : steps) {
            s.apply(event, received);
        }
    }

    private static Step step(FieldMapping m) {
        if (m instanceof FieldMapping.Rename r) {
            return (e, received) -> {
                if (e.has(r.from())) {
                    e.put(r.to(), e.remove(r.from()));
                }
            };
        }
        if (m instanceof FieldMapping.Convert c) {
            return convert(c);
        }
        if (m instanceof FieldMapping.Drop d) {
            return (e, received) -> e.remove(d.field());
        }
        if (m instanceof FieldMapping.Add a) {
            return (e, received) -> e.put(a.field(), a.value());
        }
        if (m instanceof FieldMapping.Lowercase l) {
            return (e, received) -> e.put(l.field(), lowercase(e.get(l.field())));
        }
        throw new IllegalStateException("unhandled mapping " + m);
    }

    private static Object lowercase(Object value) {
        if (value instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FieldMapper::lowercase).toList();
        }
        return value;
    }

    /** Converts one value; null when it cannot. */
    @FunctionalInterface
    private interface Conversion {
        Object convert(Object value, Instant received);
    }

    private static Step convert(FieldMapping.Convert c) {
        Conversion conversion;
        String what;
        switch (c.to()) {
            case INT -> {
                conversion = (v, received) -> toLong(v);
                what = "a whole number";
            }
            case FLOAT -> {
                conversion = (v, received) -> toDouble(v);
                what = "a number";
            }
            case IP -> {
                conversion = (v, received) -> v instanceof String s && IpAddresses.isIp(s.trim()) ? s.trim() : null;
                what = "an IP address";
            }
            default -> {
                TimeFormat format = TimeFormat.of(c.format(), c.timezone());
                conversion = format::read;
                what = "a time in " + format.description();
            }
        }
        return (e, received) -> {
            Object value = e.get(c.field());
            if (value == null) {
                return;
            }
            Object converted = value instanceof List<?> list ? convertAll(list, conversion, received) : conversion.convert(value, received);
            if (converted == null) {
                fail(e, c.field() + ": '" + value + "' is not " + what);
            } else {
                e.put(c.field(), converted);
            }
        };
    }

    private static List<Object> convertAll(List<?> values, Conversion conversion, Instant received) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            Object converted = conversion.convert(v, received);
            if (converted == null) {
                return null;
            }
            out.add(converted);
        }
        return out;
    }

    /** Tags the event and adds the reason to {@code error.message}, keeping earlier reasons. */
    static void fail(Event e, String reason) {
        e.tag(TAG_CONVERT_FAILURE);
        String previous = e.getString(Ecs.ERROR_MESSAGE);
        e.put(Ecs.ERROR_MESSAGE, previous == null ? reason : previous + "; " + reason);
    }

    static Long toLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            return truncate(n.doubleValue());
        }
        if (!(value instanceof String s)) {
            return null;
        }
        String text = s.trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            Double d = toDouble(text);
            return d == null ? null : truncate(d);
        }
    }

    private static Long truncate(double d) {
        // Beyond ±2^63 a long cannot hold the value; refuse rather than clamp.
        return Double.isFinite(d) && Math.abs(d) < 9.2e18 ? (Long) (long) d : null;
    }

    static Double toDouble(Object value) {
        if (value instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        String text = s.trim();
        // Double.parseDouble also reads "NaN", "Infinity" and hex floats; logs mean none of those.
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? d : null;
    }
}
