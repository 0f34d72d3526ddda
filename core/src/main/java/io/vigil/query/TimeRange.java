package io.vigil.query;

import java.time.Instant;

/** A half-open time range [from, to); either end may be null for unbounded. */
public record TimeRange(Instant from, Instant to) {
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryException("time range starts (" + from + ") after it ends (" + to + ")");
        }
    }

    /** The range named by two expressions ({@code now-24h}, ISO-8601), either possibly null or blank. */
    public static TimeRange parse(String from, String to, Instant now) {
        return new TimeRange(blank(from) ? null : DateMath.parse(from, now), blank(to) ? null : DateMath.parse(to, now));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
