package io.vigil.parse;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?:<\\d{1,3}>)?"
                    + "(?:([A-Za-z]{3}) {1,2}(\\d{1,2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)"
                    + "|(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?))"
                    + " +(?:(\\S*[^\\s:]) +)?(.*)$",
            Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("^([\\w./-]+)(?:\\[(\\d{1,10})\\])?: ?(.*)$", Pattern.DOTALL);

    /** A program tag such as {@code haproxy[1234]:}; pid is null when the tag has none. */
    record Tag(String program, Long pid, String body) {}

    /** The header at the start of {@code line}, or null when the line does not start with one. */
    static SyslogPrefix parse(String line, Instant received) {
        Matcher m = HEADER.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Instant time;
        if (m.group(1) != null) {
            String day = m.group(2).length() == 1 ? " " + m.group(2) : m.group(2);
            time = SyslogTime.parse(m.group(1) + " " + day + " " + m.group(3), received);
        } else {
            time = Timestamps.iso(m.group(4));
        }
        return time == null ? null : new SyslogPrefix(time, m.group(5), m.group(6));
    }

    /** The program tag at the start of {@link #rest}, or null when there is none. */
    Tag tag() {
        Matcher m = TAG.matcher(rest);
        if (!m.matches()) {
            return null;
        }
        return new Tag(m.group(1), m.group(2) == null ? null : Long.valueOf(m.group(2)), m.group(3));
    }
}
