package io.vigil.parse;

import java.time.Instant;

/**
 * The BSD syslog header that file-based syslog daemons write in front of a program's line:
 * {@code [<PRI>]TIMESTAMP [HOST ]REST}, the time stamp in RFC 3164 form ({@code Sep  4 13:48:08},
 * year inferred by {@link SyslogTime}) or ISO-8601 form as rsyslog's high-precision file format
 * writes it ({@code 2025-11-30T00:00:20.570472-07:00}).
 *
 * <p>A token ending in {@code :} right after the time is a tag, not a host: some writers omit the
 * host. Deliberately small; the syslog parser proper lives elsewhere.
 *
 * @param time when the line was written, never null
 * @param host the host name or address, or null when absent
 * @param rest everything after the host (the tag and message), never null
 */
record SyslogPrefix(Instant time, String host, String rest) {

    /** A program tag such as {@code haproxy[1234]:}; pid is null when the tag has none. */
    record Tag(String program, Long pid, String body) {}

    /**
     * The header at the start of {@code line}, or null when the line does not start with one.
     * Scanned by hand: several parsers try it on every line they are given, and {@code auto} on
     * every line it does not recognise sooner.
     */
    static SyslogPrefix parse(String line, Instant received) {
        int at = 0;
        int n = line.length();
        while (at < n && isSpace(line.charAt(at))) {
            at++;
        }
        at = priority(line, at);
        int timeEnd = bsdTime(line, at);
        Instant time;
        if (timeEnd > 0) {
            time = SyslogTime.parse(bsdText(line, at, timeEnd), received);
        } else {
            timeEnd = isoTime(line, at);
            if (timeEnd < 0) {
                return null;
            }
            time = Timestamps.iso(line.substring(at, timeEnd));
        }
        if (timeEnd >= n || line.charAt(timeEnd) != ' ') {
            return null;
        }
        int restStart = skipSpaces(line, timeEnd);
        String host = null;
        int tokenEnd = restStart;
        while (tokenEnd < n && !isSpace(line.charAt(tokenEnd))) {
            tokenEnd++;
        }
        if (tokenEnd > restStart && line.charAt(tokenEnd - 1) != ':' && tokenEnd < n && line.charAt(tokenEnd) == ' ') {
            host = line.substring(restStart, tokenEnd);
            restStart = skipSpaces(line, tokenEnd);
        }
        return time == null ? null : new SyslogPrefix(time, host, line.substring(restStart));
    }

    /** The program tag at the start of {@link #rest}, or null when there is none. */
    Tag tag() {
        int n = rest.length();
        int end = 0;
        while (end < n && isProgramChar(rest.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        int at = end;
        Long pid = null;
        if (at < n && rest.charAt(at) == '[') {
            int digits = digits(rest, at + 1, 10);
            if (digits == at + 1 || digits >= n || rest.charAt(digits) != ']') {
                return null;
            }
            pid = Long.valueOf(rest.substring(at + 1, digits));
            at = digits + 1;
        }
        if (at >= n || rest.charAt(at) != ':') {
            return null;
        }
        at++;
        if (at < n && rest.charAt(at) == ' ') {
            at++;
        }
        return new Tag(rest.substring(0, end), pid, rest.substring(at));
    }

    /** After an optional {@code <PRI>} of one to three digits. */
    private static int priority(String line, int at) {
        if (at < line.length() && line.charAt(at) == '<') {
            int digits = digits(line, at + 1, 3);
            if (digits > at + 1 && digits < line.length() && line.charAt(digits) == '>') {
                return digits + 1;
            }
        }
        return at;
    }

    /** The end of {@code Mmm d hh:mm:ss[.f]} (one or two spaces before the day), or -1. */
    private static int bsdTime(String line, int at) {
        int n = line.length();
        if (at + 3 > n || !isLetter(line.charAt(at)) || !isLetter(line.charAt(at + 1)) || !isLetter(line.charAt(at + 2))) {
            return -1;
        }
        int i = at + 3;
        int spaces = 0;
        while (i < n && line.charAt(i) == ' ' && spaces < 2) {
            i++;
            spaces++;
        }
        int dayEnd = digits(line, i, 2);
        if (spaces == 0 || dayEnd == i || dayEnd >= n || line.charAt(dayEnd) != ' ') {
            return -1;
        }
        return clock(line, dayEnd + 1);
    }

    /** The BSD time as {@link SyslogTime} reads it: the day padded to two characters. */
    private static String bsdText(String line, int at, int end) {
        int daySpace = line.indexOf(' ', at + 3);
        int dayStart = daySpace;
        while (line.charAt(dayStart) == ' ') {
            dayStart++;
        }
        int dayEnd = line.indexOf(' ', dayStart);
        String day = line.substring(dayStart, dayEnd);
        return line.substring(at, at + 3) + " " + (day.length() == 1 ? " " + day : day) + line.substring(dayEnd, end);
    }

    /** The end of {@code yyyy-mm-ddThh:mm:ss[.f][Z|+hh:mm|+hhmm]}, or -1. */
    private static int isoTime(String line, int at) {
        if (!fixed(line, at, "dddd-dd-ddT")) {
            return -1;
        }
        int i = clock(line, at + 11);
        if (i < 0) {
            return -1;
        }
        int n = line.length();
        if (i < n && line.charAt(i) == 'Z') {
            return i + 1;
        }
        if (i < n && (line.charAt(i) == '+' || line.charAt(i) == '-') && digits(line, i + 1, 2) == i + 3) {
            int minutes = i + 3 < n && line.charAt(i + 3) == ':' ? i + 4 : i + 3;
            if (digits(line, minutes, 2) == minutes + 2) {
                return minutes + 2;
            }
        }
        return i;
    }

    /** The end of {@code hh:mm:ss} and an optional fraction of one to nine digits, or -1. */
    private static int clock(String line, int at) {
        if (!fixed(line, at, "dd:dd:dd")) {
            return -1;
        }
        int i = at + 8;
        if (i < line.length() && line.charAt(i) == '.') {
            int end = digits(line, i + 1, 9);
            if (end > i + 1) {
                i = end;
            }
        }
        return i;
    }

    /** Whether {@code line} at {@code at} has the shape {@code pattern}: 'd' a digit, anything else itself. */
    private static boolean fixed(String line, int at, String pattern) {
        if (at + pattern.length() > line.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            char c = line.charAt(at + i);
            if (p == 'd' ? c < '0' || c > '9' : c != p) {
                return false;
            }
        }
        return true;
    }

    /** The end of at most {@code max} ASCII digits from {@code at}. */
    private static int digits(String s, int at, int max) {
        int i = at;
        while (i < s.length() && i - at < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String line, int at) {
        int i = at;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isProgramChar(char c) {
        return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
