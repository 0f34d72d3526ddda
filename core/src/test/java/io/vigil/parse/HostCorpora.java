package io.vigil.parse;

import static io.vigil.parse.WebCorpora.CROWDSEC;
import static io.vigil.parse.WebCorpora.FAIL2BAN;
import static io.vigil.parse.WebCorpora.FAIL2BAN_LOGS;
import static io.vigil.parse.WebCorpora.FAIL2BAN_NOW;
import static io.vigil.parse.WebCorpora.FILEBEAT;
import static io.vigil.parse.WebCorpora.FILEBEAT_ERA;
import static io.vigil.parse.WebCorpora.NOW_ISH;
import static io.vigil.parse.WebCorpora.SEKOIA;

import io.vigil.event.IpAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The host logs of the shared data, by type: {@code sshd} (auth logs), {@code syslog},
 * {@code iptables} (netfilter and UFW kernel lines), {@code mysql} and {@code postgresql}.
 */
final class HostCorpora {
    private HostCorpora() {}

    /** A syslog header: BSD time (optionally after a priority), or RFC 5424 / RFC 3339. */
    private static final Pattern SYSLOG_LINE = Pattern.compile(
            "^(?:<\\d{1,3}>)?(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d |1 \\d{4}-"
                    + "|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)? [^\\s:]+ )");
    /** A record of Filebeat's syslog test files: continuation lines start with white space. */
    private static final Pattern SYSLOG_RECORD_START = Pattern.compile("^\\S");
    private static final Predicate<String> SYSLOG = l -> SYSLOG_LINE.matcher(l).find();
    /** Lines a person pasted from a shell session into a MySQL test log, and the output of their commands. */
    private static final Pattern SHELL_PROMPT = Pattern.compile("^\\S+@\\S+:\\S*\\$ ");
    private static final Pattern MYSQL_LOG_START = Pattern.compile("^(\\d{6} |\\d{4}-\\d\\d-\\d\\d|InnoDB: |Version: |ERROR: )");
    private static final Pattern POSTGRES_RECORD_START = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d ");
    /** fail2ban files handled as another type, or not logs of a host's programs. */
    private static final Set<String> FAIL2BAN_OTHER_TYPES = Set.of("haproxy-http-auth", "mysqld-auth", "recidive");
    private static final String HEADER = "Jan  1 00:00:00 host sshd[1]: ";
    private static final Set<String> NOT_USERS = Set.of("unknown", "child");
    private static final Predicate<String> KERNEL_IN_SSHD = l -> l.contains("]: kernel:");

    static List<CorpusRun> runs(Path root) {
        List<CorpusRun> runs = new ArrayList<>();
        runs.addAll(sshd(root));
        runs.addAll(syslog(root));
        runs.addAll(iptables(root));
        runs.addAll(mysql(root));
        runs.addAll(postgresql(root));
        return runs;
    }

    /** Filebeat 7.0's system module, ECS 1.0: the sshd verdict was {@code event.outcome}; the sudo target user had no ECS name. */
    private static ExpectedNames filebeatSystem() {
        return ExpectedNames.same("host.hostname", "process.name", "process.pid", "source.ip", "source.port", "user.name",
                        "user.id", "group.id", "group.name", "system.auth.ssh.method", "system.auth.ssh.signature",
                        "system.auth.sudo.command", "system.auth.sudo.pwd", "system.auth.sudo.tty", "system.auth.sudo.error")
                .with("event.outcome", "event.outcome", ExpectedNames.SSH_VERDICT)
                .with("event.outcome", "system.auth.ssh.event", v -> v.equals("Invalid") ? null : v)
                .with("system.auth.sudo.user", "user.effective.name")
                .with("system.auth.ssh.dropped_ip", "source.ip")
                .with("message", "syslog.message");
    }

    /** CrowdSec's syslog-logs and sshd-logs: header fields, the client and the target user. */
    private static ExpectedNames crowdsecSyslog() {
        return ExpectedNames.of("meta.machine", "host.hostname", "program", "process.name", "pid", "process.pid",
                "meta.source_ip", "source.ip", "meta.target_user", "user.name");
    }

    private static List<CorpusRun> sshd(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "sshd", SyslogParser::sshd);
        for (String name : List.of("test.log", "secure-rhel7.log")) {
            Path log = root.resolve(FILEBEAT + "/filebeat/module/system/auth/test/" + name);
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, null, HostCorpora::filebeatAuth));
        }
        filebeat.note("Filebeat 7.0 names mapped to today's: `event.outcome` `Accepted`/`Failed`/`Invalid` is "
                + "`event.outcome` `success`/`failure` (and `system.auth.ssh.event`), `system.auth.sudo.user` is "
                + "`user.effective.name`, `system.auth.ssh.dropped_ip` is `source.ip`, its `message` is `syslog.message`");
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "sshd", SyslogParser::sshd);
        for (String parser : List.of("sshd-logs", "sshd-success-logs")) {
            for (Path log : CrowdsecHub.logs(root, "syslog", parser)) {
                crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, crowdsecSyslog()::apply));
            }
        }
        crowdsec.note("times not compared: CrowdSec dates year-less syslog lines in the year its tests were recorded");
        CorpusRun sekoia = new CorpusRun(SEKOIA, "sshd", SyslogParser::sshd);
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/OpenSSH"), l -> true, HostCorpora::sshdHeader,
                NOW_ISH, HostCorpora::sekoiaSshd));
        sekoia.note("Sekoia's inputs are sshd's message without the syslog header its collector removed; "
                + "a header `" + HEADER.strip() + "` is put back in front where missing. Sekoia splits a login "
                + "`jdoe@example.local` into a user and a `source.domain`; it is compared as the login sshd wrote; it reads "
                + "`check pass; user unknown` as a user named `unknown` and a success, and `User child is on pid` as a "
                + "user named `child`: those are not compared");
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "sshd", SyslogParser::sshd);
        Path journal = root.resolve(FAIL2BAN_LOGS + "/sshd-journal");
        fail2ban.add(SharedCorpora.fail2ban(root, journal, KERNEL_IN_SSHD.negate(), l -> "Jan  1 00:00:00 " + l,
                FAIL2BAN_NOW, fail2banHost()::apply));
        fail2ban.exclude(SharedCorpora.label(root, journal), count(journal, KERNEL_IN_SSHD),
                "a kernel message inside sshd's (`sshd[1]: kernel:[ 970.69]: Failed ...`), written to test fail2ban's "
                        + "tolerance of one; sshd never writes it");
        for (Path log : SharedCorpora.files(root.resolve(FAIL2BAN_LOGS + "/bsd"), n -> n.startsWith("syslog"))) {
            fail2ban.add(SharedCorpora.fail2ban(root, log, l -> true, UnaryOperator.identity(), FAIL2BAN_NOW,
                    fail2banHost()::apply));
        }
        fail2ban.note("`sshd-journal` holds journal exports (`host unit[pid]: message`) without a time; "
                + "`Jan  1 00:00:00 ` is put in front");
        return List.of(filebeat, crowdsec, sekoia, fail2ban);
    }

    private static Map<String, String> filebeatAuth(Map<String, Object> doc) {
        String program = String.valueOf(doc.get("process.name"));
        if (program.equals("useradd") || program.equals("groupadd")) {
            // Account management lines are syslog to Vigil: only the header is compared.
            return ExpectedNames.same("host.hostname", "process.name", "process.pid").apply(doc);
        }
        return filebeatSystem().apply(doc);
    }

    private static String sshdHeader(String message) {
        return SYSLOG.test(message) ? message : HEADER + message.strip();
    }

    private static Map<String, String> sekoiaSshd(Map<String, Object> expected) {
        Map<String, Object> fields = new LinkedHashMap<>(expected);
        if (String.valueOf(fields.get("message")).contains("check pass; user unknown")) {
            fields.remove("event.outcome");
        }
        String login = fields.get("user.name") + "@" + fields.get("source.domain");
        if (String.valueOf(fields.get("message")).contains("user " + login + " ")) {
            fields.put("user.name", login);
        }
        return ExpectedNames.same("source.ip", "source.port", "event.outcome")
                .with("user.name", "user.name", v -> NOT_USERS.contains(v) ? null : v)
                .apply(fields);
    }

    private static int count(Path log, Predicate<String> select) {
        return (int) SharedCorpora.nonBlankLines(log).stream().filter(l -> !l.startsWith("#")).filter(select).count();
    }

    private static ExpectedNames fail2banHost() {
        return new ExpectedNames().with("host", "source.ip", v -> IpAddresses.isIp(v) ? v : null);
    }

    private static List<CorpusRun> syslog(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "syslog", SyslogParser::standard);
        for (String name : List.of("suse-syslog.log", "darwin-syslog-sample.log")) {
            Path log = root.resolve(FILEBEAT + "/filebeat/module/system/syslog/test/" + name);
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, SYSLOG_RECORD_START, filebeatSystem()::apply));
        }
        filebeat.note("records framed as Filebeat's multiline setting frames them: a line starting with white "
                + "space continues the one before");
        CorpusRun loghub = new CorpusRun("loghub", "syslog", SyslogParser::standard);
        loghub.add(SharedCorpora.loghub(root, root.resolve("loghub/Linux/Linux_2k.log"), Instant.parse("2005-12-31T00:00:00Z"),
                ExpectedNames.of("Level", "host.hostname", "Component", "log.syslog.appname", "PID", "process.pid")::apply));
        loghub.note("loghub's `_structured.csv` names the host column `Level`; it is compared with `host.hostname`");
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "syslog", SyslogParser::standard);
        for (String parser : List.of("pam-logs", "mysql-logs", "endlessh-logs")) {
            for (Path log : CrowdsecHub.logs(root, "syslog", parser)) {
                crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, crowdsecSyslog()::apply));
            }
        }
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "syslog", SyslogParser::standard);
        for (Path log : SharedCorpora.files(root.resolve(FAIL2BAN_LOGS), n -> !FAIL2BAN_OTHER_TYPES.contains(n))) {
            String name = log.getFileName().toString();
            if (log.getParent().getFileName().toString().equals("bsd") || name.startsWith("apache-")
                    || name.startsWith("nginx-") || name.startsWith("sshd") || name.equals("php-url-fopen")) {
                continue;
            }
            fail2ban.add(SharedCorpora.fail2ban(root, log, SYSLOG, UnaryOperator.identity(), FAIL2BAN_NOW,
                    fail2banSyslog(name.equals("pam-generic"))::apply));
        }
        fail2ban.note("every fail2ban test log of a program logging through syslog, its syslog lines (a BSD or RFC 3339 "
                + "time first); the time is compared for all, in fail2ban's zone Europe/Zurich and year 2005, the "
                + "offender with `source.ip` for `pam-generic` (pam_unix's `rhost`), the only program of these Vigil reads");
        return List.of(filebeat, loghub, crowdsec, fail2ban);
    }

    private static ExpectedNames fail2banSyslog(boolean withOffender) {
        ExpectedNames names = new ExpectedNames().with("time", "@timestamp", v -> v + "[Europe/Zurich]");
        return withOffender ? names.with("host", "source.ip", v -> IpAddresses.isIp(v) ? v : null) : names;
    }

    private static List<CorpusRun> iptables(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "iptables", IptablesParser::new);
        ExpectedNames names = ExpectedNames.same("@timestamp", "source.ip", "source.port", "destination.ip",
                        "destination.port", "network.transport", "iptables.ttl", "iptables.id", "iptables.length",
                        "iptables.tos", "iptables.icmp.type", "iptables.icmp.code", "iptables.udp.length",
                        "iptables.flow_label")
                .with("iptables.input_device", "observer.ingress.interface.name")
                .with("iptables.output_device", "observer.egress.interface.name");
        // Elastic-licensed (x-pack): read here, never copied.
        for (Path log : SharedCorpora.files(root.resolve(FILEBEAT + "/x-pack/filebeat/module/iptables"), n -> n.endsWith(".log"))) {
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, null, names::apply));
        }
        CorpusRun ufw = new CorpusRun("ufw-logs", "iptables", IptablesParser::new);
        for (Path log : SharedCorpora.files(root.resolve("ufw-logs"), n -> n.startsWith("ufw.log"))) {
            ufw.add(SharedCorpora.lines(root, log, l -> true, UnaryOperator.identity(), NOW_ISH));
        }
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "iptables", IptablesParser::new);
        ExpectedNames crowdsecNames = ExpectedNames.of("src_ip", "source.ip", "dst_ip", "destination.ip",
                "src_port", "source.port", "dst_port", "destination.port", "ttl", "iptables.ttl")
                .with("proto", "network.transport", v -> v.toLowerCase(Locale.ROOT));
        for (Path log : CrowdsecHub.logs(root, "syslog", "iptables-logs")) {
            crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, crowdsecNames::apply));
        }
        for (Path log : CrowdsecHub.logs(root, "pve-firewall")) {
            crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, crowdsecNames::apply));
        }
        CorpusRun sekoia = new CorpusRun(SEKOIA, "iptables", IptablesParser::new);
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/Netfilter"), l -> true, UnaryOperator.identity(),
                NOW_ISH, ExpectedNames.same("source.ip", "source.port", "destination.ip", "destination.port",
                        "network.transport")::apply));
        return List.of(filebeat, ufw, crowdsec, sekoia);
    }

    private static List<CorpusRun> mysql(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "mysql", () -> new MysqlLogParser("mysql.error"));
        Path folder = root.resolve(FILEBEAT + "/filebeat/module/mysql/error/test");
        for (Path log : SharedCorpora.files(folder, n -> n.endsWith(".log"))) {
            Set<String> shell = shellLines(log);
            filebeat.add(SharedCorpora.filebeat(root, log, l -> !shell.contains(l), FILEBEAT_ERA, null,
                    ExpectedNames.same("@timestamp", "log.level", "mysql.thread_id")::apply));
            filebeat.exclude(SharedCorpora.label(root, log), shell.size(),
                    "a shell session its authors pasted into the log (`vagrant@precise32:~$ ...` and command output)");
        }
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "mysql", () -> new MysqlLogParser("mysql.error"));
        for (String logType : List.of("mysql", "mariadb")) {
            for (Path log : CrowdsecHub.logs(root, logType)) {
                crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH,
                        ExpectedNames.of("meta.source_ip", "source.ip", "meta.user", "user.name")::apply));
            }
        }
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "mysql", () -> new MysqlLogParser("mysql.error"));
        Path auth = root.resolve(FAIL2BAN_LOGS + "/mysqld-auth");
        fail2ban.add(SharedCorpora.fail2ban(root, auth, SYSLOG.negate(), UnaryOperator.identity(), FAIL2BAN_NOW,
                WebCorpora.fail2banNames()::apply));
        CorpusFile relayed = SharedCorpora.fail2ban(root, auth, SYSLOG, UnaryOperator.identity(), FAIL2BAN_NOW,
                fail2banHost()::apply);
        fail2ban.add(new CorpusFile(relayed.label() + " (lines relayed through syslog)", relayed.lines(),
                relayed.received(), relayed.expected()));
        fail2ban.note("times of the lines relayed through syslog are not compared: fail2ban dates them by the "
                + "year-less syslog header, in its own test year, where MySQL's own time in the line gives the year");
        return List.of(filebeat, crowdsec, fail2ban);
    }

    /** Lines of the pasted shell session: from a prompt up to the next line that starts a log record. */
    private static Set<String> shellLines(Path log) {
        Set<String> shell = new HashSet<>();
        boolean inShell = false;
        for (String line : SharedCorpora.nonBlankLines(log)) {
            inShell = SHELL_PROMPT.matcher(line).lookingAt() || inShell && !MYSQL_LOG_START.matcher(line).lookingAt();
            if (inShell) {
                shell.add(line);
            }
        }
        return shell;
    }

    private static List<CorpusRun> postgresql(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "postgresql", () -> new PostgresqlLogParser("postgresql.log"));
        for (Path log : SharedCorpora.files(root.resolve(FILEBEAT + "/filebeat/module/postgresql/log/test"),
                n -> n.endsWith(".log"))) {
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, POSTGRES_RECORD_START, HostCorpora::filebeatPostgres));
        }
        filebeat.note("records framed as Filebeat's multiline setting frames them (a line starting with a date begins "
                + "one); Filebeat 7.0 read the local time as UTC, ignoring the zone name, so its `@timestamp` is "
                + "corrected by the zone before comparing; its `postgresql.log.core_id` is today's "
                + "`postgresql.log.session_line_num`; its duration, computed in floating point, is compared to the microsecond");
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "postgresql", () -> new PostgresqlLogParser("postgresql.log"));
        for (Path log : CrowdsecHub.logs(root, "postgres")) {
            crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH,
                    ExpectedNames.of("meta.source_ip", "source.ip", "meta.user", "user.name")::apply));
        }
        return List.of(filebeat, crowdsec);
    }

    /** The zones of Filebeat's PostgreSQL test files, written out here rather than taken from the code under test. */
    private static final Map<String, Duration> POSTGRES_ZONES = Map.of("CEST", Duration.ofHours(2), "EST", Duration.ofHours(-5));

    private static Map<String, String> filebeatPostgres(Map<String, Object> doc) {
        Map<String, Object> fixed = new LinkedHashMap<>(doc);
        Duration zone = POSTGRES_ZONES.getOrDefault(String.valueOf(doc.get("event.timezone")), Duration.ZERO);
        fixed.put("@timestamp", Instant.parse(doc.get("@timestamp").toString()).minus(zone).toString());
        return ExpectedNames.same("@timestamp", "event.timezone", "log.level", "process.pid", "postgresql.log.query")
                .with("postgresql.log.core_id", "postgresql.log.session_line_num")
                .with("event.duration", "event.duration", v -> String.valueOf(Math.round(Double.parseDouble(v) / 1000) * 1000))
                // Filebeat wrote PostgreSQL's "[unknown]" as "unknown"; Vigil leaves the fields out.
                .with("user.name", "user.name", v -> v.equals("unknown") ? null : v)
                .with("postgresql.log.database", "postgresql.log.database", v -> v.equals("unknown") ? null : v)
                .apply(fixed);
    }
}
