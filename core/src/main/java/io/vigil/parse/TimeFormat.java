package io.vigil.parse;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a time from a field value: one named format ({@code iso8601}, {@code unix}, {@code unix_ms}),
 * a {@link DateTimeFormatter} pattern such as {@code dd/MMM/yyyy:HH:mm:ss Z}, or, without a format,
 * the formats logs commonly use. Times without an offset are in the given zone (UTC by default);
 * times without a year (syslog) take the year that puts them at most a day after the record was
 * received. Immutable and thread-safe; {@link #read} answers null instead of throwing.
 */
final class TimeFormat {
    static final String ISO8601 = "iso8601";
    static final String UNIX = "unix";
    static final String UNIX_MS = "unix_ms";

    /** How one format turns a value into an instant; null when it cannot. */
    @FunctionalInterface
    private interface Reader {
        Instant read(Object value, Instant received);
    }

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    /** What {@code %{TIMESTAMP_ISO8601}}, {@code %{HTTPDATE}}, Apache error logs, syslog and nginx error logs write. */
    private static final List<DateTimeFormatter> COMMON = List.of(
            ISO,
            pattern("dd/MMM/yyyy:HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS] Z"),
            pattern("EEE MMM d HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS] yyyy"),
            pattern("MMM d HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]"),
            pattern("MMM d yyyy HH:mm:ss"),
            pattern("yyyy/MM/dd HH:mm:ss"));

    private static final Pattern COMMA_FRACTION = Pattern.compile("(\\d:\\d\\d),(?=\\d)");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String description;
    private final Reader reader;

    private TimeFormat(String description, Reader reader) {
        this.description = description;
        this.reader = reader;
    }

    /**
     * The format for a mapping.
     *
     * @param format a named format, a {@link DateTimeFormatter} pattern, or null for the common formats
     * @param timezone a zone id ({@code Europe/Paris}, {@code +02:00}) for times without an offset, or null for UTC
     * @throws IllegalArgumentException saying what is wrong with the format or zone
     */
    static TimeFormat of(String format, String timezone) {
        ZoneId zone = zone(timezone);
        if (format == null) {
            return new TimeFormat("a common date format", (v, received) -> common(v, zone, received));
        }
        switch (format) {
            case ISO8601:
                return new TimeFormat("ISO-8601",
                        (v, received) -> v instanceof String s ? parse(ISO, decimalPoint(s), zone, received) : null);
            case UNIX:
                return new TimeFormat("epoch seconds", (v, received) -> epoch(v, 1_000_000_000L));
            case UNIX_MS:
                return new TimeFormat("epoch milliseconds", (v, received) -> epoch(v, 1_000_000L));
            default:
                DateTimeFormatter formatter = userPattern(format);
                return new TimeFormat("the pattern " + format,
                        (v, received) -> v instanceof String s ? parse(formatter, s, zone, received) : null);
        }
    }

    /** The instant, or null when the value is not a time in this format. */
    Instant read(Object value, Instant received) {
        if (value instanceof Instant t) {
            return t;
        }
        return value == null ? null : reader.read(value, received);
    }

    /** Names the format in error messages ("not a time in ..."). */
    String description() {
        return description;
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown timezone '" + timezone
                    + "': use a region such as Europe/Paris or an offset such as +02:00");
        }
    }

    private static DateTimeFormatter userPattern(String format) {
        try {
            return pattern(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date format '" + format + "': " + e.getMessage()
                    + " (use iso8601, unix, unix_ms or a Java DateTimeFormatter pattern such as dd/MMM/yyyy:HH:mm:ss Z)");
        }
    }

    private static DateTimeFormatter pattern(String format) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(format).toFormatter(Locale.ENGLISH);
    }

    private static Instant common(Object value, ZoneId zone, Instant received) {
        if (value instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? Timestamps.epoch(n.doubleValue()) : null;
        }
        String s = value.toString().trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return Timestamps.iso(s);
        }
        Instant clf = Timestamps.clf(s);
        if (clf != null) {
            return clf;
        }
        // Syslog pads single-digit days with a second space.
        String text = decimalPoint(WHITESPACE.matcher(s).replaceAll(" "));
        for (DateTimeFormatter f : COMMON) {
            Instant t = parse(f, text, zone, received);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Log4j and Python write {@code 10:00:00,123}; ISO-8601 allows the comma, java.time only the point. */
    private static String decimalPoint(String s) {
        return COMMA_FRACTION.matcher(s).replaceFirst("$1.");
    }

    private static Instant epoch(Object value, long nanosPerUnit) {
        try {
            if (value instanceof Long l) {
                return nanosPerUnit == 1_000_000L ? Instant.ofEpochMilli(l) : Instant.ofEpochSecond(l);
            }
            double d = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (!Double.isFinite(d)) {
                return null;
            }
            double seconds = d * nanosPerUnit / 1e9;
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Instant parse(DateTimeFormatter formatter, String text, ZoneId zone, Instant received) {
        String trimmed = text.trim();
        try {
            // parseUnresolved answers null rather than throwing on text in another format: trying
            // several formats stays cheap. It still throws on an out-of-range offset such as +9999.
            ParsePosition position = new ParsePosition(0);
            if (formatter.parseUnresolved(trimmed, position) == null || position.getIndex() != trimmed.length()) {
                return null;
            }
            TemporalAccessor t = formatter.parse(trimmed);
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(t);
            }
            LocalTime time = t.query(TemporalQueries.localTime());
            time = time == null ? LocalTime.MIDNIGHT : time;
            ZoneId z = t.query(TemporalQueries.zone());
            z = z == null ? zone : z;
            LocalDate date = t.query(TemporalQueries.localDate());
            if (date != null) {
                return ZonedDateTime.of(date, time, z).toInstant();
            }
            return withoutYear(t, time, z, received);
        } catch (DateTimeException | ArithmeticException e) {
            // Parsed but impossible (30 February) or out of range.
            return null;
        }
    }

    /** Syslog-style times carry no year: take the received year, or the one before for December lines read in January. */
    private static Instant withoutYear(TemporalAccessor t, LocalTime time, ZoneId zone, Instant received) {
        if (!t.isSupported(ChronoField.MONTH_OF_YEAR) || !t.isSupported(ChronoField.DAY_OF_MONTH)) {
            return null;
        }
        int month = t.get(ChronoField.MONTH_OF_YEAR);
        int day = t.get(ChronoField.DAY_OF_MONTH);
        int year = received.atZone(zone).getYear();
        Instant guess = ZonedDateTime.of(LocalDate.of(year, month, day), time, zone).toInstant();
        if (guess.isAfter(received.plus(Duration.ofDays(1)))) {
            guess = ZonedDateTime.of(LocalDate.of(year - 1, month, day), time, zone).toInstant();
        }
        return guess;
    }
}
