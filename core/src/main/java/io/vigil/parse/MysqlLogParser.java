package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB error log lines, and general query log lines.
 *
 * <p>Error log prefixes: MySQL 8.0 {@code 2024-01-02T03:04:05.123456Z 8 [Note] [MY-010926] [Server] },
 * 5.7 {@code 2016-12-09T12:08:33.335060Z 0 [Warning] }, MariaDB and 5.6
 * {@code 2019-03-11 10:00:00 140234 [Warning] }, 5.5 {@code 161209 14:18:50 [Note] }. Lines the
 * server writes without a time ({@code InnoDB: ...}, {@code Version: '...'}, {@code ERROR: 1064 ...})
 * are parsed without {@code @timestamp}. General log lines ({@code <time>\t 8 Connect\troot@host on db})
 * give the command and, for {@code Connect}, the login. A record may span lines (a shipper's
 * multiline join); the first line holds the prefix.
 *
 * <p>ECS: {@code log.level} as written, {@code user.name}, {@code source.ip} or
 * {@code source.domain} (the client host), {@code mysql.error.code} ({@code MY-010926} or the
 * number after {@code ERROR:}), {@code mysql.thread_id}. {@code Access denied} and refused hosts
 * are failed {@code authentication}, aborted connections failed {@code network} connections, other
 * lines {@code database} with outcome failure for {@code ERROR} and unknown otherwise. Times without
 * an offset are read in the zone given at construction (UTC by default, as MySQL 5.7+ writes).
 * A line relayed through syslog ({@code mysqld --log-syslog}) is read after its header
 * ({@link SyslogRelay}). Anything else is {@link ParseResult.Failed}. Thread-safe.
 */
public final class MysqlLogParser implements Parser {
    private static final String TIME = "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d)?"
            + "|\\d{4}-\\d\\d-\\d\\d +\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d{1,9})?|\\d{6} +\\d{1,2}:\\d\\d:\\d\\d)";
    private static final Pattern ERROR_LINE = Pattern.compile("^" + TIME
            + "\\s+(?:(\\d+)\\s+)?(?:\\[([A-Za-z]+)\\]\\s*)?(?:\\[(MY-\\d+)\\]\\s*)?(?:\\[([A-Za-z]+)\\]\\s*)?(.*)$",
            Pattern.DOTALL);
    private static final Pattern GENERAL_LINE = Pattern.compile("^(?:" + TIME + "[\\t ]+|[\\t ]+)(\\d+) "
            + "(Connect|Quit|Query|Init DB|Execute|Prepare|Close stmt|Reset stmt|Field List|Change user|Statistics"
            + "|Shutdown|Kill|Ping|Processlist|Refresh|Set option|Fetch|Long Data|Binlog Dump|Register Slave"
            + "|Connect Out|Daemon|Debug|Create DB|Drop DB|Table Dump|Time|Sleep)(?:\\t(.*))?$", Pattern.DOTALL);
    /** Lines mysqld writes without a time; anything else without one is not a MySQL log line. */
    private static final Pattern UNTIMED = Pattern.compile(
            "^(?:InnoDB: |Version: '|ERROR: (\\d+)|mysqld(?:_safe)?[: ]|/\\S*mysqld[,: ]|Tcp port: |Time +Id +Command)",
            Pattern.DOTALL);
    private static final Pattern TIME_PARTS = Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d)[T ] *(\\d{1,2}):(\\d\\d):(\\d\\d)"
            + "(?:\\.(\\d{1,9}))?(Z|[+-]\\d\\d:?\\d\\d)?|(\\d\\d)(\\d\\d)(\\d\\d) +(\\d{1,2}):(\\d\\d):(\\d\\d)");

    private static final Pattern ACCESS_DENIED = Pattern.compile(
            "Access denied for user '([^']*)'@'([^']*)'(?: \\(using password: (YES|NO)\\))?");
    private static final Pattern HOST_REFUSED = Pattern.compile(
            "Host '([^']*)' (?:is blocked because of many connection errors|is not allowed to connect)");
    private static final Pattern ABORTED = Pattern.compile(
            "Aborted connection (\\d+) to db: '([^']*)' user: '([^']*)' host: '([^']*)'(?: \\((.*?)\\)\\.?)?\\s*$",
            Pattern.DOTALL);
    private static final Pattern CONNECT = Pattern.compile("^([^@\\s]*)@(\\S*)(?: as \\S+)?(?: on (\\S*))?");

    private final String dataset;
    private final ZoneId zone;

    /**
     * A parser reading times without an offset as UTC.
     *
     * @param dataset the {@code event.dataset} to set, normally {@code mysql.error}
     */
    public MysqlLogParser(String dataset) {
        this(dataset, ZoneOffset.UTC);
    }

    /**
     * @param dataset the {@code event.dataset} to set, normally {@code mysql.error}
     * @param zone the server's zone, for the local times of MySQL 5.6 and older and MariaDB
     */
    public MysqlLogParser(String dataset, ZoneId zone) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        ParseResult result = line(raw);
        return result instanceof ParseResult.Failed failed ? SyslogRelay.parse(raw, this::line, failed) : result;
    }

    private ParseResult line(RawEvent raw) {
        String line = raw.text();
        Matcher g = GENERAL_LINE.matcher(line);
        if (g.matches()) {
            return general(raw, g);
        }
        Matcher m = ERROR_LINE.matcher(line);
        if (m.matches()) {
            Instant time = time(m.group(1));
            if (time == null) {
                return new ParseResult.Failed(raw, "unreadable time [" + m.group(1) + "]");
            }
            Event e = base(line).put(Ecs.TIMESTAMP, time)
                    .put("log.level", m.group(3))
                    .put("mysql.error.code", m.group(4))
                    .put("mysql.subsystem", m.group(5))
                    .put("mysql.thread_id", m.group(2) == null ? null : parseLong(m.group(2)));
            message(m.group(6), m.group(3), e);
            return ParseResult.of(e);
        }
        Matcher u = UNTIMED.matcher(line);
        if (u.lookingAt()) {
            Event e = base(line);
            if (u.group(1) != null) {
                e.put("log.level", "ERROR").put("mysql.error.code", u.group(1));
            }
            message(line, e.getString("log.level"), e);
            return ParseResult.of(e);
        }
        return new ParseResult.Failed(raw, "not a MySQL error log or general log line");
    }

    private Event base(String line) {
        return new Event()
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, "mysql")
                .put(Ecs.EVENT_KIND, "event");
    }

    /** Classifies an error log message: logins refused, connections aborted, or database news. */
    private static void message(String text, String level, Event e) {
        Matcher m = ACCESS_DENIED.matcher(text);
        if (m.find()) {
            authentication(e, "failure");
            e.put(Ecs.USER_NAME, JsonNodes.emptyToNull(m.group(1)));
            host(m.group(2), e);
            e.put("mysql.using_password", m.group(3) == null ? null : m.group(3).equals("YES"));
            return;
        }
        m = HOST_REFUSED.matcher(text);
        if (m.find()) {
            classify(e, "network", "denied", "failure");
            host(m.group(1), e);
            return;
        }
        m = ABORTED.matcher(text);
        if (m.find()) {
            e.put(Ecs.EVENT_CATEGORY, List.of("network")).put(Ecs.EVENT_TYPE, List.of("connection", "end"))
                    .put(Ecs.EVENT_OUTCOME, "failure")
                    .putIfAbsent("mysql.thread_id", parseLong(m.group(1)))
                    .put("mysql.database", placeholderToNull(m.group(2)))
                    .put(Ecs.USER_NAME, placeholderToNull(m.group(3)))
                    .put(Ecs.ERROR_MESSAGE, m.group(5));
            host(m.group(4), e);
            return;
        }
        boolean error = level != null && level.equalsIgnoreCase("ERROR");
        classify(e, "database", error ? "error" : "info", error ? "failure" : "unknown");
    }

    private ParseResult general(RawEvent raw, Matcher g) {
        Instant time = g.group(1) == null ? null : time(g.group(1));
        if (g.group(1) != null && time == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + g.group(1) + "]");
        }
        String command = g.group(3);
        String argument = g.group(4) == null ? "" : g.group(4).strip();
        Event e = base(raw.text()).put(Ecs.TIMESTAMP, time)
                .put("mysql.thread_id", parseLong(g.group(2)))
                .put("mysql.command", command)
                .put(Ecs.EVENT_ACTION, command.toLowerCase(Locale.ROOT).replace(' ', '_'));
        if (command.equals("Connect")) {
            connect(argument, e);
        } else if (command.equals("Quit")) {
            classify(e, "session", "end", "success");
        } else {
            if (command.equals("Query") || command.equals("Execute") || command.equals("Prepare")) {
                e.put("mysql.query", JsonNodes.emptyToNull(argument));
            }
            classify(e, "database", "access", "unknown");
        }
        return ParseResult.of(e);
    }

    /** {@code root@localhost on mydb using Socket}, or the refusal MySQL logs in its place. */
    private static void connect(String argument, Event e) {
        if (argument.startsWith("Access denied")) {
            message(argument, null, e);
            return;
        }
        authentication(e, "success");
        Matcher c = CONNECT.matcher(argument);
        if (c.find()) {
            e.put(Ecs.USER_NAME, JsonNodes.emptyToNull(c.group(1)))
                    .put("mysql.database", JsonNodes.emptyToNull(c.group(3)));
            host(c.group(2), e);
        }
    }

    private static void authentication(Event e, String outcome) {
        classify(e, "authentication", "start", outcome);
    }

    private static void classify(Event e, String category, String type, String outcome) {
        e.put(Ecs.EVENT_CATEGORY, List.of(category)).put(Ecs.EVENT_TYPE, List.of(type)).put(Ecs.EVENT_OUTCOME, outcome);
    }

    /** The client host: an IP, a name, or {@code %} (any host, in grants) which says nothing. */
    private static void host(String host, Event e) {
        if (host == null || host.isEmpty() || host.equals("%")) {
            return;
        }
        e.put(Ecs.SOURCE_ADDRESS, host);
        e.put(IpAddresses.isIp(host) ? Ecs.SOURCE_IP : "source.domain", host);
    }

    /** MySQL names missing parts {@code unauthenticated} and {@code unconnected}. */
    private static String placeholderToNull(String s) {
        return s.isEmpty() || s.equals("unauthenticated") || s.equals("unconnected") ? null : s;
    }

    private Instant time(String s) {
        Matcher t = TIME_PARTS.matcher(s);
        if (!t.matches()) {
            return null;
        }
        try {
            if (t.group(1) != null) {
                LocalDateTime local = LocalDateTime.of(parseInt(t.group(1)), parseInt(t.group(2)), parseInt(t.group(3)),
                        parseInt(t.group(4)), parseInt(t.group(5)), parseInt(t.group(6)), nanos(t.group(7)));
                ZoneOffset offset = t.group(8) == null ? null : Timestamps.offset(t.group(8));
                return offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
            }
            // Two-digit years: MySQL 5.5 and older wrote them from 2000 on.
            return LocalDateTime.of(2000 + parseInt(t.group(9)), parseInt(t.group(10)), parseInt(t.group(11)),
                    parseInt(t.group(12)), parseInt(t.group(13)), parseInt(t.group(14))).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static int parseInt(String digits) {
        return Integer.parseInt(digits);
    }

    /** Digits from a pattern group, bounded so that an absurd id cannot overflow. */
    private static Long parseLong(String digits) {
        return digits.length() > 18 ? null : Long.parseLong(digits);
    }
}
