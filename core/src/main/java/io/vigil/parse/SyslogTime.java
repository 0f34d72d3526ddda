package io.vigil.parse;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the RFC 3164 (BSD syslog) time stamp {@code Mmm dd hh:mm:ss}, optionally with a fraction
 * ({@code Sep  4 13:48:08.123}), which carries neither year nor zone.
 *
 * <p>The zone is taken as UTC. The year is inferred from when the line was received: the year of
 * {@code received} (in UTC), unless that would put the line more than a day after {@code received},
 * in which case the most recent earlier year that does not. The day of slack absorbs senders whose
 * clocks or zones run ahead of ours; a larger jump means the line was written last year (a December
 * line read in January). Feb 29 falls back to the last leap year.
 *
 * <p>Methods answer null instead of throwing. Thread-safe (stateless).
 */
public final class SyslogTime {
    private SyslogTime() {}

    /** Length of {@code Mmm dd hh:mm:ss}. */
    private static final int LENGTH = 15;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final Duration SLACK = Duration.ofDays(1);
    /** Far enough back to reach a leap year for Feb 29, including century years such as 2100. */
    private static final int MAX_YEARS_BACK = 8;

    /**
     * The time of a stamp such as {@code Nov 28 10:00:00} or {@code Nov  8 10:00:00.123456}
     * (the whole string), or null when it is not one.
     */
    public static Instant parse(String stamp, Instant received) {
        if (stamp == null || stamp.length() < LENGTH) {
            return null;
        }
        int month = month(stamp);
        if (month < 0 || stamp.charAt(3) != ' ' || stamp.charAt(6) != ' '
                || stamp.charAt(9) != ':' || stamp.charAt(12) != ':') {
            return null;
        }
        int day = digits(stamp, 4, 6);
        int hour = digits(stamp, 7, 9);
        int minute = digits(stamp, 10, 12);
        int second = digits(stamp, 13, 15);
        int nanos = fraction(stamp);
        if (day < 1 || hour < 0 || minute < 0 || second < 0 || nanos < 0) {
            return null;
        }
        return inferYear(month + 1, day, hour, minute, second, nanos, received);
    }

    /** The instant for a month-day-time without a year, by the rule in the class comment. */
    public static Instant inferYear(int month, int day, int hour, int minute, int second, int nanos,
                                    Instant received) {
        Instant latest = received.plus(SLACK);
        int year = received.atOffset(ZoneOffset.UTC).getYear();
        for (int y = year; y > year - MAX_YEARS_BACK; y--) {
            Instant candidate = instant(y, month, day, hour, minute, second, nanos);
            if (candidate != null && !candidate.isAfter(latest)) {
                return candidate;
            }
        }
        return null;
    }

    private static Instant instant(int year, int month, int day, int hour, int minute, int second, int nanos) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // Feb 29 of a common year, or an impossible day such as Apr 31.
            return null;
        }
    }

    private static int month(String s) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (s.regionMatches(true, 0, MONTHS[i], 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    /** Two characters as a number; a leading space counts as zero (syslog pads days with one). */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ' ' && i == from) {
                continue;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Nanoseconds of an optional {@code .ddd} after the seconds; -1 when anything else follows. */
    private static int fraction(String s) {
        if (s.length() == LENGTH) {
            return 0;
        }
        if (s.charAt(LENGTH) != '.' || s.length() == LENGTH + 1 || s.length() > LENGTH + 10) {
            return -1;
        }
        int nanos = 0;
        int scale = 100_000_000;
        for (int i = LENGTH + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            nanos += (c - '0') * scale;
            scale /= 10;
        }
        return nanos;
    }
}
