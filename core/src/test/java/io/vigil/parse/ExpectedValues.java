package io.vigil.parse;

import io.vigil.event.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value Vigil produced agrees with a value another project expected, written as text.
 * Numbers compare as numbers (some sources write a port as {@code 25238.0}); addresses as
 * addresses ({@code ::ffff:1.2.3.4} is 1.2.3.4); times as instants, to the precision the source
 * wrote (Filebeat kept milliseconds, fail2ban seconds); a list agrees when it holds the value
 * ({@code event.category}); anything else as exact text.
 *
 * <p>A time written without a zone ({@code 2005-12-04T04:47:44}) is a wall-clock time, as loghub
 * writes Apache's: it agrees when Vigil's instant shows that wall clock in UTC, the zone Vigil
 * reads such times in. A suffix {@code [Europe/Zurich]} names the zone the expectation was written
 * in (fail2ban's test zone): then the wall clock may be that zone's too, because the line itself
 * either carried an offset (and fail2ban converted it to its zone) or did not (and Vigil read it as UTC).
 */
final class ExpectedValues {
    private ExpectedValues() {}

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(?:\\.\\d+)?$");
    private static final Pattern FRACTION = Pattern.compile(":\\d\\d\\.\\d");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");
    private static final Pattern ZONED_WALL_CLOCK = Pattern.compile("^(.*)\\[([A-Za-z_/]+)\\]$");

    static boolean agree(String expected, Object actual) {
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(item -> agree(expected, item));
        }
        if (actual instanceof Instant time) {
            return sameTime(expected, time);
        }
        String text = actual.toString();
        if (NUMBER.matcher(expected).matches() && NUMBER.matcher(text).matches()) {
            return Double.parseDouble(expected) == Double.parseDouble(text);
        }
        if (IpAddresses.isIp(expected) && IpAddresses.isIp(text)) {
            return sameAddress(expected, text);
        }
        return expected.equals(text);
    }

    /** {@code ::ffff:1.2.3.4} is 1.2.3.4, as the store and Elasticsearch index it. */
    private static boolean sameAddress(String expected, String actual) {
        try {
            return InetAddress.getByName(expected).equals(InetAddress.getByName(actual));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean sameTime(String expected, Instant actual) {
        // Compared at the precision the source wrote: fail2ban keeps seconds, Filebeat milliseconds.
        Instant ours = actual.truncatedTo(FRACTION.matcher(expected).find() ? ChronoUnit.MILLIS : ChronoUnit.SECONDS);
        Matcher zoned = ZONED_WALL_CLOCK.matcher(expected);
        // Wazuh writes offsets without a colon (+0000).
        String text = COMPACT_OFFSET.matcher(zoned.matches() ? zoned.group(1) : expected).replaceFirst("$1:$2");
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS).equals(ours.truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException notOffset) {
            // A wall-clock time: compared below.
        }
        LocalDateTime wallClock;
        try {
            wallClock = LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return false;
        }
        if (wallClock.equals(LocalDateTime.ofInstant(ours, ZoneOffset.UTC))) {
            return true;
        }
        return zoned.matches() && wallClock.equals(LocalDateTime.ofInstant(ours, ZoneId.of(zoned.group(2))));
    }
}
