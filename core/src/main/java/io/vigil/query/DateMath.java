package io.vigil.query;

import io.vigil.parse.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time expressions as Kibana users write them: ISO-8601, epoch milliseconds, or {@code now} with
 * offsets and rounding ({@code now-15m}, {@code now-1d/d}, {@code now+1h}). Times are UTC.
 */
public final class DateMath {
    private DateMath() {}

    private static final Pattern NOW = Pattern.compile("now((?:[+-]\\d+[smhdwMy])*)(?:/([smhdwMy]))?");
    private static final Pattern STEP = Pattern.compile("([+-])(\\d+)([smhdwMy])");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|[smhdw])");

    /** The instant an expression names, relative to {@code now}. */
    public static Instant parse(String expression, Instant now) {
        String s = expression.trim();
        Matcher m = NOW.matcher(s);
        if (m.matches()) {
            ZonedDateTime t = now.atZone(ZoneOffset.UTC);
            Matcher step = STEP.matcher(m.group(1));
            while (step.find()) {
                long n = Long.parseLong(step.group(2)) * (step.group(1).equals("-") ? -1 : 1);
                t = t.plus(n, unit(step.group(3)));
            }
            if (m.group(2) != null) {
                t = round(t, m.group(2));
            }
            return t.toInstant();
        }
        Instant t = Timestamps.iso(s);
        if (t == null) {
            throw new QueryException("cannot read time '" + expression
                    + "': use ISO-8601 (2024-05-01T10:00:00Z), epoch milliseconds or now-15m style");
        }
        return t;
    }

    private static ChronoUnit unit(String u) {
        return switch (u) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            case "w" -> ChronoUnit.WEEKS;
            case "M" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
    }

    private static ZonedDateTime round(ZonedDateTime t, String u) {
        return switch (u) {
            case "w" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1L);
            case "M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> t.truncatedTo(unit(u));
        };
    }

    /** A fixed interval such as {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 500ms}. */
    public static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw new QueryException("cannot read interval '" + s + "': use a number and a unit, e.g. 30s, 5m, 1h, 1d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) {
            throw new QueryException("interval must be positive: " + s);
        }
        return d;
    }
}
