package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.util.Map;
import java.util.Objects;

/**
 * Syslog lines: RFC 5424 ({@code <165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg})
 * and the BSD format of RFC 3164 ({@code <34>Oct 11 22:14:15 host tag[pid]: msg}), the latter
 * also without the {@code <PRI>} (as {@code /var/log/auth.log} holds it), without a host, and with
 * an RFC 3339 time in place of the BSD one (rsyslog's default file format on current Debian and
 * Ubuntu). Thread-safe; never throws on malformed input. A line without a recognisable header is
 * {@link ParseResult.Failed}; any line with one is {@link ParseResult.Parsed}, whether or not its
 * body is understood.
 *
 * <p>Fields: {@code @timestamp}; {@code message} is the whole raw line and {@code syslog.message}
 * the program's text after the header; {@code host.hostname} and {@code host.name} (and
 * {@code host.ip} when the host is an address); {@code process.name} and {@code process.pid};
 * {@code log.syslog.priority}, {@code .facility.code/.name}, {@code .severity.code/.name},
 * {@code .appname}, {@code .procid}, {@code .msgid}, {@code .version} and
 * {@code .structured_data.<SD-ID>.<PARAM>} (at most 64).
 *
 * <p>Time: a BSD time has no zone and is read as UTC. It has no year either: the year is the
 * latest that does not put the event more than a day after {@link RawEvent#received()}, so a
 * December line read in January belongs to the previous year, a January line read late on
 * 31 December to the next, and 29 February to the last leap year. An impossible date (30
 * February, hour 25) fails the line.
 *
 * <p>Programs: the body goes to a {@link SyslogProgramParser} chosen by program name, so that
 * {@code sshd}, {@code sudo} and {@code su} lines get authentication fields and
 * {@code event.dataset: system.auth}; other lines keep {@code event.dataset: syslog}. A program is
 * looked up as written, then without a {@code (pam_unix)}-style suffix, then by the part after the
 * last {@code /} ({@code postfix/smtpd}); {@code process.name} drops the suffix too. Other
 * programs' PAM authentication failures go to {@link PamParser}.
 */
public final class SyslogParser implements Parser {
    /** The dataset of a line no program parser claims. */
    public static final String DATASET = "syslog";

    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"
    };
    private static final String[] SEVERITIES = {
        "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"
    };
    /** Structured data is sender-controlled; a cap keeps one line from creating unbounded fields. */
    private static final int MAX_STRUCTURED_PARAMS = 64;
    private static final SyslogProgramParser NO_PROGRAM = (body, event) -> false;

    private final Map<String, SyslogProgramParser> programs;
    private final SyslogProgramParser otherPrograms;

    /**
     * @param programs body parsers by program name
     * @param otherPrograms the body parser for lines whose program is absent or not in
     *     {@code programs}
     */
    public SyslogParser(Map<String, SyslogProgramParser> programs, SyslogProgramParser otherPrograms) {
        this.programs = Map.copyOf(programs);
        this.otherPrograms = Objects.requireNonNull(otherPrograms, "otherPrograms");
    }

    /** @param programs body parsers by program name; other lines get the header fields only */
    public SyslogParser(Map<String, SyslogProgramParser> programs) {
        this(programs, NO_PROGRAM);
    }

    /**
     * The authentication programs of a Linux host: {@code sshd} (and {@code sshd-session},
     * {@code sshd-auth}, the names OpenSSH 9.8 and 10 log under), {@code sudo} and {@code su}.
     */
    public static Map<String, SyslogProgramParser> authPrograms() {
        SshdParser sshd = new SshdParser();
        return Map.of("sshd", sshd, "sshd-session", sshd, "sshd-auth", sshd,
                "sudo", new SudoParser(), "su", new SuParser());
    }

    /**
     * The {@code syslog} type: any syslog line, authentication programs understood, and the
     * Linux-PAM authentication failures of any other program (pure-ftpd, dovecot and others log
     * them too). Other programs' PAM session lines stay plain syslog: cron writes two per job.
     */
    public static SyslogParser standard() {
        return new SyslogParser(authPrograms(), SyslogParser::pamMessage);
    }

    private static final PamParser PAM = new PamParser();

    /** A PAM failure, whichever program logged it: {@code pam_unix(ftp:auth): ...}, {@code (pam_unix) ...}, {@code PAM 2 more ...}. */
    private static boolean pamMessage(String body, Event event) {
        boolean pam = body.startsWith("pam_") || body.startsWith("(pam_unix) ") || body.startsWith("PAM ");
        return pam && !body.contains("session opened") && !body.contains("session closed") && PAM.parse(body, event);
    }

    /**
     * The {@code sshd} type, for auth logs and sshd-only streams: the authentication programs by
     * name, and every other line's body read as sshd's, so that renamed or wrapped sshd binaries
     * and journal exports are understood; every line has {@code event.dataset: system.auth}.
     */
    public static SyslogParser sshd() {
        return new SyslogParser(authPrograms(), new SshdParser());
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        SyslogHeader.Reading reading = SyslogHeader.read(raw.text(), raw.received());
        if (reading instanceof SyslogHeader.Unreadable unreadable) {
            return new ParseResult.Failed(raw, unreadable.reason());
        }
        SyslogHeader.Fields header = (SyslogHeader.Fields) reading;
        Event event = new Event()
                .put(Ecs.TIMESTAMP, header.time())
                .put(Ecs.MESSAGE, raw.text())
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_DATASET, DATASET);
        host(header.hostname(), event);
        priority(header.priority(), event);
        program(header, event);
        structuredData(header, event);
        if (!header.body().isEmpty()) {
            event.put(EcsSyslog.SYSLOG_MESSAGE, header.body());
        }
        programParser(header.appName()).parse(header.body(), event);
        return ParseResult.of(event);
    }

    private static void host(String hostname, Event event) {
        if (hostname == null) {
            return;
        }
        event.put(EcsSyslog.HOST_HOSTNAME, hostname).put(Ecs.HOST_NAME, hostname);
        if (IpAddresses.isIp(hostname)) {
            event.put(Ecs.HOST_IP, hostname);
        }
    }

    private static void priority(Integer priority, Event event) {
        if (priority == null) {
            return;
        }
        int facility = priority >> 3;
        int severity = priority & 7;
        event.put(EcsSyslog.LOG_SYSLOG_PRIORITY, (long) priority)
                .put(EcsSyslog.LOG_SYSLOG_FACILITY_CODE, (long) facility)
                .put(EcsSyslog.LOG_SYSLOG_FACILITY_NAME, FACILITIES[facility])
                .put(EcsSyslog.LOG_SYSLOG_SEVERITY_CODE, (long) severity)
                .put(EcsSyslog.LOG_SYSLOG_SEVERITY_NAME, SEVERITIES[severity]);
    }

    private static void program(SyslogHeader.Fields header, Event event) {
        String app = header.appName();
        if (app != null) {
            event.put(EcsSyslog.LOG_SYSLOG_APPNAME, app).put(EcsSyslog.PROCESS_NAME, withoutSuffix(app));
        }
        String procId = header.procId();
        if (procId != null && !procId.isEmpty()) {
            event.put(EcsSyslog.LOG_SYSLOG_PROCID, procId);
            if (procId.length() <= 18 && procId.chars().allMatch(c -> c >= '0' && c <= '9')) {
                event.put(EcsSyslog.PROCESS_PID, Long.parseLong(procId));
            }
        }
        event.put(EcsSyslog.LOG_SYSLOG_MSGID, header.msgId());
        event.put(EcsSyslog.LOG_SYSLOG_VERSION, header.version());
    }

    private static void structuredData(SyslogHeader.Fields header, Event event) {
        int n = 0;
        for (SyslogHeader.Param p : header.structuredData()) {
            if (n++ == MAX_STRUCTURED_PARAMS) {
                break;
            }
            String field = EcsSyslog.LOG_SYSLOG_STRUCTURED_DATA + "." + p.id() + "." + p.name();
            if (event.has(field)) {
                event.add(field, p.value());
            } else {
                event.put(field, p.value());
            }
        }
    }

    private SyslogProgramParser programParser(String app) {
        if (app == null) {
            return otherPrograms;
        }
        SyslogProgramParser parser = programs.get(app);
        if (parser == null) {
            parser = programs.get(withoutSuffix(app));
        }
        if (parser == null && app.indexOf('/') >= 0) {
            parser = programs.get(app.substring(app.lastIndexOf('/') + 1));
        }
        return parser == null ? otherPrograms : parser;
    }

    /** {@code sshd(pam_unix)}, as old PAM tagged its lines, names the program {@code sshd}. */
    private static String withoutSuffix(String app) {
        int paren = app.indexOf('(');
        return paren > 0 && app.endsWith(")") ? app.substring(0, paren) : app;
    }
}
