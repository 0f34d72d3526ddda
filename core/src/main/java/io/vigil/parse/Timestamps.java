package io.vigil.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Reads the timestamp formats logs use. Methods answer null instead of throwing. */
public final class Timestamps {
    private Timestamps() {}

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    /**
     * Common Log Format time: {@code 10/Oct/2000:13:55:36 -0700}. Hand-written because it is on the
     * hot path of every access log line and a DateTimeFormatter costs several times more.
     */
    public static Instant clf(String s) {
        if (s == null || s.length() < 20) {
            return null;
        }
        try {
            int day = Integer.parseInt(s, 0, 2, 10);
            int month = month(s, 3);
            int year = Integer.parseInt(s, 7, 11, 10);
            int hour = Integer.parseInt(s, 12, 14, 10);
            int minute = Integer.parseInt(s, 15, 17, 10);
            int second = Integer.parseInt(s, 18, 20, 10);
            int pos = 20;
            int nanos = 0;
            if (pos < s.length() && s.charAt(pos) == '.') {
                int end = pos + 1;
                while (end < s.length() && Character.isDigit(s.charAt(end))) {
                    end++;
                }
                String frac = (s.substring(pos + 1, end) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
                pos = end;
            }
            ZoneOffset offset = ZoneOffset.UTC;
            if (pos < s.length() && s.charAt(pos) == ' ') {
                offset = offset(s.substring(pos + 1).trim());
                if (offset == null) {
                    return null;
                }
            }
            if (month < 0 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':') {
                return null;
            }
            return LocalDateTime.of(year, month + 1, day, hour, minute, second, nanos).toInstant(offset);
        } catch (NumberFormatException | DateTimeException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int month(String s, int at) {
        for (int i = 0; i < 12; i++) {
            if (s.regionMatches(true, at, MONTHS[i], 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code -0700}, {@code +05:30}, {@code Z}; null when unreadable. */
    public static ZoneOffset offset(String s) {
        try {
            if (s.equals("Z") || s.equals("UTC") || s.equals("GMT")) {
                return ZoneOffset.UTC;
            }
            if (s.length() == 5 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
                return ZoneOffset.of(s.substring(0, 3) + ":" + s.substring(3));
            }
            return ZoneOffset.of(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /**
     * ISO-8601 and its common variants ({@code 2024-01-02T03:04:05.678Z},
     * {@code 2024-01-02 03:04:05+0100}, no offset meaning UTC), or epoch seconds / milliseconds.
     */
    public static Instant iso(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit) && s.length() >= 9 && s.length() <= 13) {
            long n = Long.parseLong(s);
            return s.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        Instant quick = IsoTime.parse(s);
        return quick != null ? quick : isoByFormatter(s);
    }

    /** The general path of {@link #iso}: every variant the lenient formatter accepts. */
    static Instant isoByFormatter(String s) {
        try {
            var parsed = ISO_LENIENT.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch seconds (possibly fractional) or milliseconds, told apart by magnitude; null beyond the years an Instant holds. */
    public static Instant epoch(double value) {
        try {
            if (value > 1e11) {
                return Instant.ofEpochMilli((long) value);
            }
            long seconds = (long) value;
            return Instant.ofEpochSecond(seconds, (long) ((value - seconds) * 1e9));
        } catch (DateTimeException e) {
            // Beyond the years Instant can hold: not a time.
            return null;
        }
    }
}
