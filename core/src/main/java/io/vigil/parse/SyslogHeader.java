package io.vigil.parse;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the header of one syslog line. Understands RFC 5424
 * ({@code <165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg}) and the BSD format of
 * RFC 3164 ({@code <34>Oct 11 22:14:15 host tag[pid]: msg}), the latter also without the
 * priority (as files such as {@code /var/log/auth.log} hold it) and with an RFC 3339 time instead
 * of the BSD one (rsyslog's {@code RSYSLOG_FileFormat}, the default on current Debian and Ubuntu).
 * Stateless and thread-safe; never throws.
 */
final class SyslogHeader {
    private SyslogHeader() {}

    /** What reading a line gave: the header's fields, or the reason there is no header. */
    sealed interface Reading permits Fields, Unreadable {}

    /**
     * The parts of a header.
     *
     * @param priority the PRI value 0..191, or null when the line has none
     * @param time null only for RFC 5424's nil time {@code -}
     * @param version {@code 1} for RFC 5424, null for BSD lines
     * @param hostname null when absent or nil
     * @param appName RFC 5424 APP-NAME or the BSD tag's program name, as written; null when absent
     * @param procId RFC 5424 PROCID or the BSD tag's {@code [pid]}; null when absent
     * @param msgId RFC 5424 MSGID; null for BSD lines
     * @param structuredData RFC 5424 SD parameters in order; empty when none
     * @param body the message after the header, never null
     */
    record Fields(
            Integer priority,
            Instant time,
            String version,
            String hostname,
            String appName,
            String procId,
            String msgId,
            List<Param> structuredData,
            String body) implements Reading {}

    /** The line has no syslog header; the reason is for the person reading the parse failure. */
    record Unreadable(String reason) implements Reading {}

    /** One RFC 5424 SD-PARAM, unescaped. */
    record Param(String id, String name, String value) {}

    /**
     * How far ahead of the receive time a year-less BSD time may lie. Clocks disagree and senders
     * write local time; a day covers both without mistaking last December for next December.
     */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private static final Pattern PRI = Pattern.compile("^<(\\d{1,3})>");
    private static final Pattern RFC5424 = Pattern.compile(
            "([1-9]\\d{0,2}) (-|\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) (\\S+) (\\S+) (\\S+)(?: (.*))?", Pattern.DOTALL);
    private static final String MONTH = "(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final Pattern BSD = Pattern.compile(
            "(?:(" + MONTH + ") {1,2}(\\d{1,2}) (?:(\\d{4}) )?(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
                    + "|(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?))"
                    + "(?: (.*))?",
            Pattern.DOTALL);
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9:][A-Za-z0-9_.:%-]{0,254}");
    /** A BSD tag: {@code sshd[123]:}, {@code postfix/smtpd[9]:}, {@code sshd(pam_unix)[1]:}, {@code kernel:}. */
    private static final Pattern TAG = Pattern.compile("([^\\s\\[\\]:]{1,128})(?:\\[([^\\]\\s]{0,32})\\])?: ?");
    private static final Pattern TAG_TOKEN = Pattern.compile("[^\\s\\[\\]:]{1,128}(?:\\[[^\\]\\s]{0,32}\\])?:");
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    /** Reads the header of {@code line}; a year-less BSD time is placed relative to {@code received}. */
    static Reading read(String line, Instant received) {
        Integer priority = null;
        int start = 0;
        if (line.startsWith("<")) {
            Matcher m = PRI.matcher(line);
            if (!m.lookingAt()) {
                return new Unreadable("'<' does not open a syslog priority such as <34>");
            }
            priority = Integer.parseInt(m.group(1));
            if (priority > 191) {
                return new Unreadable("syslog priority <" + priority + "> is above 191");
            }
            start = m.end();
        }
        String rest = line.substring(start);
        Matcher m = RFC5424.matcher(rest);
        if (m.matches()) {
            return rfc5424(priority, m);
        }
        m = BSD.matcher(rest);
        if (m.matches()) {
            return bsd(priority, m, received);
        }
        return new Unreadable("no syslog header: expected 'Mmm dd hh:mm:ss host tag: ' (RFC 3164)"
                + " or '<pri>1 time host app procid msgid ' (RFC 5424)");
    }

    private static Reading rfc5424(Integer priority, Matcher m) {
        Instant time = null;
        if (!m.group(2).equals("-")) {
            time = Timestamps.iso(m.group(2));
            if (time == null) {
                return new Unreadable("unreadable RFC 5424 time " + m.group(2));
            }
        }
        String rest = m.group(7) == null ? "" : m.group(7);
        List<Param> params = new ArrayList<>();
        String body;
        if (rest.equals("-")) {
            body = "";
        } else if (rest.startsWith("- ")) {
            body = rest.substring(2);
        } else if (rest.startsWith("[")) {
            int end = structuredData(rest, params);
            if (end == rest.length()) {
                body = "";
            } else if (end > 0 && rest.charAt(end) == ' ') {
                body = rest.substring(end + 1);
            } else {
                // Malformed structured data: keep all of it as text rather than lose the line.
                params.clear();
                body = rest;
            }
        } else {
            body = rest;
        }
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        return new Fields(priority, time, m.group(1), nil(m.group(3)), nil(m.group(4)), nil(m.group(5)),
                nil(m.group(6)), List.copyOf(params), body);
    }

    private static String nil(String field) {
        return field.equals("-") ? null : field;
    }

    /** Reads SD-ELEMENTs from the start of {@code s}; answers the index after them, or -1 when malformed. */
    private static int structuredData(String s, List<Param> out) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '[') {
            int idEnd = nameEnd(s, i + 1);
            if (idEnd == i + 1) {
                return -1;
            }
            String id = s.substring(i + 1, idEnd);
            i = idEnd;
            while (i < s.length() && s.charAt(i) == ' ') {
                i = param(s, i + 1, id, out);
                if (i < 0) {
                    return -1;
                }
            }
            if (i >= s.length() || s.charAt(i) != ']') {
                return -1;
            }
            i++;
        }
        return i;
    }

    /** Reads {@code name="value"} at {@code i}; answers the index after the closing quote, or -1. */
    private static int param(String s, int i, String id, List<Param> out) {
        int nameEnd = nameEnd(s, i);
        if (nameEnd == i || nameEnd + 1 >= s.length() || s.charAt(nameEnd) != '=' || s.charAt(nameEnd + 1) != '"') {
            return -1;
        }
        StringBuilder value = new StringBuilder();
        for (int v = nameEnd + 2; v < s.length(); v++) {
            char c = s.charAt(v);
            if (c == '"') {
                out.add(new Param(id, s.substring(i, nameEnd), value.toString()));
                return v + 1;
            }
            // RFC 5424 escapes only '"', '\' and ']'; any other backslash is kept as written.
            if (c == '\\' && v + 1 < s.length() && "\"\\]".indexOf(s.charAt(v + 1)) >= 0) {
                c = s.charAt(++v);
            }
            value.append(c);
        }
        return -1;
    }

    /** SD-NAME: printable US-ASCII except '=', space, ']' and '"', at most 32 characters. */
    private static int nameEnd(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 32) {
            char c = s.charAt(j);
            if (c <= ' ' || c > '~' || c == '=' || c == ']' || c == '"') {
                break;
            }
            j++;
        }
        return j;
    }

    private static Reading bsd(Integer priority, Matcher m, Instant received) {
        Instant time;
        if (m.group(8) != null) {
            time = Timestamps.iso(m.group(8));
        } else {
            time = bsdTime(m, received);
        }
        if (time == null) {
            return new Unreadable("impossible date or time in syslog header");
        }
        String rest = m.group(9) == null ? "" : m.group(9);
        int i = skipSpaces(rest, 0);
        int end = tokenEnd(rest, i);
        String first = rest.substring(i, end);
        String hostname = null;
        // The host is optional in practice: "Oct 11 22:14:15 su: ..." starts with the tag.
        if (HOSTNAME.matcher(first).matches() && !TAG_TOKEN.matcher(first).matches()) {
            hostname = first;
            i = skipSpaces(rest, end);
        }
        Matcher tag = TAG.matcher(rest).region(i, rest.length());
        if (tag.lookingAt()) {
            return new Fields(priority, time, null, hostname, tag.group(1), tag.group(2), null, List.of(),
                    rest.substring(tag.end()));
        }
        return new Fields(priority, time, null, hostname, null, null, null, List.of(), rest.substring(i));
    }

    /**
     * A BSD time, which has no zone and usually no year. No zone means UTC. The year is the latest
     * (from the receive year plus one, downwards) that does not put the event more than
     * {@link #FUTURE_TOLERANCE} after it was received: a December line read in January belongs to
     * last year, a January line read on 31 December to next year, 29 February to the last leap year.
     */
    static Instant bsdTime(Matcher m, Instant received) {
        int month = List.of(MONTHS).indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1;
        int day = Integer.parseInt(m.group(2));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
        if (m.group(3) != null) {
            return at(Integer.parseInt(m.group(3)), month, day, hour, minute, second, nanos);
        }
        Instant latest = received.plus(FUTURE_TOLERANCE);
        int receivedYear = received.atOffset(ZoneOffset.UTC).getYear();
        for (int year = receivedYear + 1; year >= receivedYear - 8; year--) {
            Instant t = at(year, month, day, hour, minute, second, nanos);
            if (t != null && !t.isAfter(latest)) {
                return t;
            }
        }
        return null;
    }

    private static Instant at(int year, int month, int day, int hour, int minute, int second, int nanos) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String s, int i) {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
