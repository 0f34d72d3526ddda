package io.vigil.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Offsets for the time zone names that servers print after a local time ({@code CEST},
 * {@code EST}, {@code +03}), as PostgreSQL does with {@code %m} and {@code %t}. Only unambiguous
 * abbreviations are listed: {@code IST} (India, Ireland, Israel) and the like answer null, so a
 * caller leaves the time unset rather than guess it hours wrong. Stateless.
 */
final class ZoneAbbreviations {
    private ZoneAbbreviations() {}

    private static final Map<String, Integer> MINUTES = Map.ofEntries(
            Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("UCT", 0),
            Map.entry("WET", 0), Map.entry("WEST", 60), Map.entry("BST", 60),
            Map.entry("CET", 60), Map.entry("CEST", 120), Map.entry("MET", 60), Map.entry("MEST", 120),
            Map.entry("EET", 120), Map.entry("EEST", 180), Map.entry("MSK", 180),
            Map.entry("SAST", 120), Map.entry("WAT", 60), Map.entry("CAT", 120), Map.entry("EAT", 180),
            Map.entry("PKT", 300), Map.entry("ICT", 420), Map.entry("WIB", 420),
            Map.entry("HKT", 480), Map.entry("SGT", 480), Map.entry("AWST", 480), Map.entry("PHT", 480),
            Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("ACST", 570), Map.entry("ACDT", 630),
            Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("NZST", 720), Map.entry("NZDT", 780),
            Map.entry("NST", -210), Map.entry("NDT", -150), Map.entry("AST", -240), Map.entry("ADT", -180),
            Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360), Map.entry("CDT", -300),
            Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420),
            Map.entry("AKST", -540), Map.entry("AKDT", -480), Map.entry("HST", -600));

    /** The offset for a zone abbreviation or a numeric offset ({@code +03}, {@code -0530}); null when unknown. */
    static ZoneOffset offset(String zone) {
        if (zone == null || zone.isEmpty()) {
            return null;
        }
        Integer minutes = MINUTES.get(zone.toUpperCase(Locale.ROOT));
        if (minutes != null) {
            return ZoneOffset.ofTotalSeconds(minutes * 60);
        }
        char sign = zone.charAt(0);
        if ((sign == '+' || sign == '-') && zone.length() <= 6) {
            String digits = zone.substring(1).replace(":", "");
            try {
                if (digits.length() == 2) {
                    return ZoneOffset.of(sign + digits);
                }
                if (digits.length() == 4) {
                    return ZoneOffset.of(sign + digits.substring(0, 2) + ":" + digits.substring(2));
                }
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** A local time that {@link Timestamps#iso} read as if it were UTC, moved to the real instant. */
    static Instant shift(Instant localAsUtc, ZoneOffset offset) {
        return localAsUtc == null || offset == null ? null : localAsUtc.minusSeconds(offset.getTotalSeconds());
    }
}
