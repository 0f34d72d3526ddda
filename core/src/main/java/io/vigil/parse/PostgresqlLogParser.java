package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL server log lines written to stderr with the common {@code log_line_prefix} settings:
 * the default {@code '%m [%p] '} ({@code 2024-01-02 03:04:05.678 UTC [1234] LOG:  ...}), Debian's
 * {@code '%m [%p] %q%u@%d '} ({@code ... [1234] user@db FATAL:  ...}), {@code '%t [%p-%l] %q%u@%d '}
 * and Amazon RDS's {@code '%t:%r:%u@%d:[%p]:'}. A record may span lines (a statement continued on
 * tab-indented lines, joined by the shipper); the first line holds the prefix.
 *
 * <p>ECS: {@code @timestamp} (the zone name is kept in {@code event.timezone}; for a name that is
 * ambiguous or unknown the time is left unset rather than guessed), {@code log.level}
 * ({@code LOG}, {@code FATAL}, {@code STATEMENT}...), {@code process.pid}, {@code user.name},
 * {@code postgresql.log.database}, {@code source.ip}/{@code source.port}, {@code event.duration}
 * and {@code postgresql.log.query}. Categories: authorised connections and failed authentication
 * are {@code authentication} with that outcome, received connections {@code network},
 * disconnections {@code session}, everything else {@code database} with outcome failure for
 * {@code ERROR}, {@code FATAL} and {@code PANIC}. Lines without the prefix are
 * {@link ParseResult.Failed}. Thread-safe.
 */
public final class PostgresqlLogParser implements Parser {
    private static final Pattern LINE = Pattern.compile("^(?:< )?(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?)"
            + "(?: ([A-Za-z]{1,6}|[+-]\\d\\d(?::?\\d\\d)?))?([^\\n]{0,400}?)\\b"
            + "(DEBUG[1-5]|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION):"
            + " {1,2}(.*)$", Pattern.DOTALL);
    private static final Pattern RDS = Pattern.compile(
            "^:(?:([^():]*)\\((\\d+)\\)|[^:]*):([^@:]*)@([^:]*):\\[(\\d+)\\]:$");
    private static final Pattern PID = Pattern.compile("\\[(\\d{1,10})(?:-(\\d{1,18}))?\\]");
    private static final String NAME = "(\\[unknown\\]|[^\\s@\\[\\]]*)";
    /** {@code %h} or {@code %r} in the prefix: a client address, with {@code (port)} for {@code %r}. */
    private static final Pattern CLIENT = Pattern.compile(
            "(?:^|[\\s:])(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{2,44})(?:\\((\\d{1,5})\\))?(?=[\\s:]|$)");
    private static final Pattern USER_AT_DB = Pattern.compile("(?:^|\\s)" + NAME + "@" + NAME + "(?=\\s|$)");

    private static final Pattern RECEIVED = Pattern.compile(
            "^connection received: host=(\\S+?)(?: port=(\\d{1,5}))?\\s*$");
    private static final Pattern AUTHORIZED = Pattern.compile(
            "^(?:replication )?connection authorized: user=(\\S+)(?: database=(\\S+))?");
    private static final Pattern AUTH_FAILED = Pattern.compile("authentication failed for user \"([^\"]*)\"");
    private static final Pattern NO_HBA = Pattern.compile(
            "^no pg_hba\\.conf entry for (?:replication connection from )?host \"([^\"]*)\", user \"([^\"]*)\""
                    + "(?:, database \"([^\"]*)\")?");
    private static final Pattern NO_ROLE = Pattern.compile("^role \"([^\"]*)\" does not exist");
    private static final Pattern DISCONNECTION = Pattern.compile(
            "^disconnection: session time: \\S+ user=(\\S*) database=(\\S*) host=(\\S+?)(?: port=(\\d{1,5}))?\\s*$");
    private static final Pattern DURATION = Pattern.compile(
            "^duration: (\\d{1,12}(?:\\.\\d{1,6})?) ms(?:\\s+(?:statement|execute [^:]*|parse [^:]*|bind [^:]*): (.*))?$",
            Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("^statement: (.*)$", Pattern.DOTALL);

    private final String dataset;

    /** @param dataset the {@code event.dataset} to set, normally {@code postgresql.log} */
    public PostgresqlLogParser(String dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        String line = raw.text();
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new ParseResult.Failed(raw, "not a PostgreSQL log line: no time and level prefix");
        }
        Instant localAsUtc = Timestamps.iso(m.group(1));
        if (localAsUtc == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + m.group(1) + "]");
        }
        String zone = m.group(2);
        ZoneOffset offset = zone == null ? ZoneOffset.UTC : ZoneAbbreviations.offset(zone);
        String level = m.group(4);
        Event e = new Event()
                .put(Ecs.TIMESTAMP, ZoneAbbreviations.shift(localAsUtc, offset))
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, "postgresql")
                .put(Ecs.EVENT_KIND, "event")
                .put("event.timezone", zone)
                .put("log.level", level);
        prefix(m.group(3).strip(), e);
        message(level, m.group(5), e);
        return ParseResult.of(e);
    }

    /** What {@code log_line_prefix} put between the time and the level: pid, session line, user and database. */
    private static void prefix(String middle, Event e) {
        Matcher rds = RDS.matcher(middle);
        if (rds.matches()) {
            host(rds.group(1), rds.group(2), e);
            user(rds.group(3), e);
            database(rds.group(4), e);
            e.put("process.pid", Long.parseLong(rds.group(5)));
            return;
        }
        Matcher pid = PID.matcher(middle);
        if (pid.find()) {
            e.put("process.pid", Long.parseLong(pid.group(1)));
            if (pid.group(2) != null) {
                e.put("postgresql.log.session_line_num", Long.parseLong(pid.group(2)));
            }
        }
        Matcher who = USER_AT_DB.matcher(middle);
        if (who.find()) {
            user(who.group(1), e);
            database(who.group(2), e);
        }
        Matcher client = CLIENT.matcher(middle);
        if (client.find()) {
            host(client.group(1), client.group(2), e);
        }
    }

    private static void message(String level, String text, Event e) {
        if (level.equals("STATEMENT")) {
            e.put("postgresql.log.query", text.strip());
            classify(e, "database", "info", "failure");
            return;
        }
        if (connection(text, e) || authentication(text, e) || query(text, e)) {
            return;
        }
        boolean failed = level.equals("ERROR") || level.equals("FATAL") || level.equals("PANIC");
        classify(e, "database", failed ? "error" : "info", failed ? "failure" : "unknown");
    }

    /** Connections received, authorised and ended: what login auditing needs. */
    private static boolean connection(String text, Event e) {
        Matcher m = RECEIVED.matcher(text);
        if (m.find()) {
            host(m.group(1), m.group(2), e);
            e.put(Ecs.EVENT_ACTION, "connection_received");
            e.put(Ecs.EVENT_CATEGORY, List.of("network")).put(Ecs.EVENT_TYPE, List.of("connection", "start"))
                    .put(Ecs.EVENT_OUTCOME, "unknown");
            return true;
        }
        m = AUTHORIZED.matcher(text);
        if (m.find()) {
            user(m.group(1), e);
            database(m.group(2), e);
            e.put(Ecs.EVENT_ACTION, "connection_authorized");
            classify(e, "authentication", "start", "success");
            return true;
        }
        m = DISCONNECTION.matcher(text);
        if (m.find()) {
            user(m.group(1), e);
            database(m.group(2), e);
            host(m.group(3), m.group(4), e);
            e.put(Ecs.EVENT_ACTION, "disconnection");
            classify(e, "session", "end", "success");
            return true;
        }
        return false;
    }

    /** Refused logins: wrong password, no pg_hba.conf rule, unknown role. */
    private static boolean authentication(String text, Event e) {
        Matcher m = AUTH_FAILED.matcher(text);
        Matcher hba = NO_HBA.matcher(text);
        Matcher role = NO_ROLE.matcher(text);
        if (m.find()) {
            e.put(Ecs.USER_NAME, m.group(1));
        } else if (hba.find()) {
            host(hba.group(1), null, e);
            e.put(Ecs.USER_NAME, hba.group(2));
            database(hba.group(3), e);
        } else if (role.find()) {
            e.put(Ecs.USER_NAME, role.group(1));
        } else {
            return false;
        }
        e.put(Ecs.EVENT_ACTION, "authentication_failed");
        classify(e, "authentication", "start", "failure");
        return true;
    }

    /** {@code log_min_duration_statement} and {@code log_statement} output. */
    private static boolean query(String text, Event e) {
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long nanos = new BigDecimal(m.group(1)).movePointRight(6).longValue();
            e.put("event.duration", nanos).put("postgresql.log.query", m.group(2) == null ? null : m.group(2).strip());
            classify(e, "database", "access", "success");
            return true;
        }
        m = STATEMENT.matcher(text);
        if (m.matches()) {
            e.put("postgresql.log.query", m.group(1).strip());
            classify(e, "database", "access", "unknown");
            return true;
        }
        return false;
    }

    private static void classify(Event e, String category, String type, String outcome) {
        e.put(Ecs.EVENT_CATEGORY, List.of(category)).put(Ecs.EVENT_TYPE, List.of(type)).put(Ecs.EVENT_OUTCOME, outcome);
    }

    /** PostgreSQL writes {@code [unknown]} before it knows who connects, and {@code [local]} for Unix sockets. */
    private static void user(String user, Event e) {
        if (user != null && !user.isEmpty() && !user.equals("[unknown]")) {
            e.put(Ecs.USER_NAME, user);
        }
    }

    private static void database(String database, Event e) {
        if (database != null && !database.isEmpty() && !database.equals("[unknown]")) {
            e.put("postgresql.log.database", database);
        }
    }

    private static void host(String host, String port, Event e) {
        if (host == null || host.isEmpty() || host.equals("[local]")) {
            return;
        }
        e.put(Ecs.SOURCE_ADDRESS, host);
        e.put(IpAddresses.isIp(host) ? Ecs.SOURCE_IP : "source.domain", host);
        if (port != null) {
            e.put(Ecs.SOURCE_PORT, Long.parseLong(port));
        }
    }
}
