package io.vigil.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The ISO-8601 times JSON logs write nearly always ({@code 2024-01-02T03:04:05Z},
 * {@code 2024-01-02T03:04:05.123456+01:00}, {@code 2024-01-02 03:04:05+0100}), read by hand:
 * CloudTrail, Kubernetes and Wazuh records carry several each, and a {@code DateTimeFormatter}
 * with optional sections costs more than the rest of their mapping. Anything less usual (a
 * missing second, hour 24, 30 February, a leap second) answers null, for the formatter to decide.
 */
final class IsoTime {
    private IsoTime() {}

    /** The instant, or null when {@code s} is not in one of the usual forms; never throws. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 19 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || !(s.charAt(10) == 'T' || s.charAt(10) == 't' || s.charAt(10) == ' ')
                || !digits(s, 11, 2) || s.charAt(13) != ':' || !digits(s, 14, 2) || s.charAt(16) != ':'
                || !digits(s, 17, 2)) {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < n && s.charAt(at) == '.') {
            int end = at + 1;
            while (end < n && end - at <= 9 && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                end++;
            }
            if (end == at + 1 || end < n && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                return null;
            }
            nanos = number(s, at + 1, end - at - 1) * POWERS[9 - (end - at - 1)];
            at = end;
        }
        int offset = offsetSeconds(s, at);
        if (offset == Integer.MIN_VALUE) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second - offset, nanos);
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** Nothing or {@code Z} (UTC), {@code +HH:MM} or {@code +HHMM}; MIN_VALUE for anything else. */
    private static int offsetSeconds(String s, int at) {
        int rest = s.length() - at;
        if (rest == 0) {
            return 0;
        }
        char sign = s.charAt(at);
        if (rest == 1 && (sign == 'Z' || sign == 'z')) {
            return 0;
        }
        if (sign != '+' && sign != '-' || !(rest == 6 && s.charAt(at + 3) == ':' || rest == 5)
                || !digits(s, at + 1, 2) || !digits(s, s.length() - 2, 2)) {
            return Integer.MIN_VALUE;
        }
        int hours = number(s, at + 1, 2);
        int minutes = number(s, s.length() - 2, 2);
        if (hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static boolean digits(String s, int at, int count) {
        if (at < 0 || at + count > s.length()) {
            return false;
        }
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
