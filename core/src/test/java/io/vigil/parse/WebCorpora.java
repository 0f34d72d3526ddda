package io.vigil.parse;

import io.vigil.event.IpAddresses;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The web server and proxy logs of the shared data, by type: {@code nginx} and {@code apache}
 * (access logs), {@code nginx_error}, {@code apache_error} and {@code haproxy}. Files that mix access
 * and error lines (CrowdSec's, fail2ban's) are split by the shape of each line, as a shipper
 * reading both logs would have kept them apart.
 */
final class WebCorpora {
    private WebCorpora() {}

    /** Filebeat's test files are a 2019 snapshot. */
    static final Instant FILEBEAT_ERA = Instant.parse("2019-03-20T00:00:00Z");
    /** When the CrowdSec, Sekoia and other recent material was taken. */
    static final Instant NOW_ISH = Instant.parse("2026-08-22T00:00:00Z");
    /** fail2ban's tests run at this time, in its test zone (Europe/Zurich). */
    static final Instant FAIL2BAN_NOW = Instant.parse("2005-08-14T12:00:00Z");

    /** An nginx error line, also after a syslog or journal prefix ({@code host nginx[983478]: 2023/12/09 ...}). */
    static final Pattern NGINX_ERROR_LINE = Pattern.compile(
            "^(?:[^\\[]{0,200}\\[\\d+\\]: (?:\\S+ \\S+: )?)?\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[");
    static final Pattern APACHE_ERROR_LINE = Pattern.compile("^\\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ");
    private static final Predicate<String> NGINX_ERROR = l -> NGINX_ERROR_LINE.matcher(l).find();
    private static final Predicate<String> APACHE_ERROR = l -> APACHE_ERROR_LINE.matcher(l).find();
    /** nginx proxy manager's own access formats start with the time: {@code [24/Jan/2022:16:51:02 +0000] - 404 ...}. */
    private static final Predicate<String> PROXY_MANAGER_ACCESS = l -> l.startsWith("[") && !APACHE_ERROR.test(l);
    /** fail2ban's journal fixtures: {@code host unit[pid]: message}, without a time. */
    private static final Pattern JOURNAL = Pattern.compile("^\\S+ [\\w.-]+\\[\\d+\\]: ");
    /** A journal line whose message repeats the tag, written to test fail2ban's tolerance of one. */
    private static final Pattern DOUBLE_TAG_LINE = Pattern.compile("^\\S+ \\S+\\[\\d+\\]: \\S+ \\S+: ");
    private static final Predicate<String> DOUBLE_TAG = l -> DOUBLE_TAG_LINE.matcher(l).find();
    /** fail2ban's own LogFormat for its fake-Googlebot filter: {@code %h %l %u - [%t ] %v "%r" ...}. */
    private static final Predicate<String> FAIL2BAN_VHOST_AFTER_TIME = l -> l.contains(" ] ");
    /** A LogFormat with a quoted field before the request: {@code [%t] "-" "GET / HTTP/1.1" ...}. */
    private static final Pattern QUOTED_BEFORE_REQUEST_LINE = Pattern.compile("\\] \"[^\"]*\" \"");
    private static final Predicate<String> QUOTED_BEFORE_REQUEST = l -> QUOTED_BEFORE_REQUEST_LINE.matcher(l).find();
    /** BunkerWeb's log_format puts a request id between ident and user: {@code host addr - reqid user [time]}. */
    private static final Pattern BUNKERWEB_ACCESS = Pattern.compile("^\\S+ \\S+ - \\S+ \\S+ \\[");
    private static final Predicate<String> HAPEE_JSON = l -> l.contains(": [ACCESS] ") && l.contains("{\"");
    private static final Predicate<String> JSON_LINE = l -> l.stripLeading().startsWith("{");
    private static final String ZURICH = "[Europe/Zurich]";
    private static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT);

    static final String FILEBEAT = "elastic-beats-filebeat";
    static final String CROWDSEC = "crowdsec-hub-tests";
    static final String SEKOIA = "sekoia-intake-formats";
    static final String FAIL2BAN = "fail2ban-testlogs";
    static final String FAIL2BAN_LOGS = FAIL2BAN + "/fail2ban/tests/files/logs";

    static List<CorpusRun> runs(Path root) {
        List<CorpusRun> runs = new ArrayList<>();
        runs.addAll(access(root, "nginx", "nginx.access"));
        runs.addAll(access(root, "apache", "apache.access"));
        runs.addAll(nginxErrors(root));
        runs.addAll(apacheErrors(root));
        runs.addAll(haproxy(root));
        return runs;
    }

    /** The fields of an access log line, in Filebeat's 2019 names (the same as today's for these). */
    private static ExpectedNames filebeatAccess() {
        return ExpectedNames.same("@timestamp", "source.ip", "source.domain", "http.request.method", "url.original",
                        "http.response.status_code", "http.response.body.bytes", "http.version")
                .with("user.name", "user.name", ExpectedNames.DASH_IS_NONE)
                .with("user_agent.original", "user_agent.original", ExpectedNames.DASH_IS_NONE)
                .with("http.request.referrer", "http.request.referrer", ExpectedNames.DASH_IS_NONE);
    }

    /** CrowdSec's nginx-logs and apache2-logs parsers: their grok names, the event's time from dateparse-enrich. */
    private static ExpectedNames crowdsecAccess() {
        return ExpectedNames.of("meta.source_ip", "source.ip",
                        "status", "http.response.status_code", "response", "http.response.status_code",
                        "body_bytes_sent", "http.response.body.bytes", "bytes", "http.response.body.bytes",
                        "http_version", "http.version",
                        "httpversion", "http.version", "target_fqdn", "destination.domain",
                        "enriched.MarshaledTime", "@timestamp")
                .with("verb", "http.request.method", ExpectedNames.UPPER)
                // CrowdSec's "request" is the whole target in most of its patterns, only the path in some.
                .with("request", "url.original", v -> isPathOnly(v) ? null : ExpectedNames.PRINTABLE_ESCAPES_DECODED.apply(v))
                .with("request", "url.path", v -> isPathOnly(v) ? v : null)
                .with("http_user_agent", "user_agent.original", ExpectedNames.DASH_IS_NONE)
                .with("remote_user", "user.name", ExpectedNames.DASH_IS_NONE)
                .with("auth", "user.name", ExpectedNames.DASH_IS_NONE)
                .with("http_referer", "http.request.referrer", ExpectedNames.DASH_IS_NONE)
                .with("referrer", "http.request.referrer", ExpectedNames.DASH_IS_NONE);
    }

    /** Sekoia's ECS: {@code http.response.bytes} is the body size (Apache's {@code %b}); {@code redirect} is not an ECS outcome. */
    private static ExpectedNames sekoiaAccess() {
        return ExpectedNames.same("@timestamp", "source.ip", "user.name", "http.request.method",
                        "url.path", "http.response.status_code", "http.version", "destination.domain")
                .with("url.original", "url.original", ExpectedNames.PRINTABLE_ESCAPES_DECODED)
                .with("url.query", "url.query", ExpectedNames.PRINTABLE_ESCAPES_DECODED)
                .with("http.request.referrer", "http.request.referrer", ExpectedNames.DASH_IS_NONE)
                .with("user_agent.original", "user_agent.original", ExpectedNames.DASH_IS_NONE)
                .with("http.response.bytes", "http.response.body.bytes")
                .with("event.outcome", "event.outcome", v -> v.equals("redirect") ? "success" : v);
    }

    /** fail2ban's annotations: the offender ({@code host}, an address or a name) and the time in its test zone. */
    static ExpectedNames fail2banNames() {
        return new ExpectedNames()
                .with("host", "source.ip", v -> IpAddresses.isIp(v) ? v : null)
                .with("user", "user.name")
                .with("time", "@timestamp", v -> v + ZURICH);
    }

    private static List<CorpusRun> access(Path root, String type, String dataset) {
        boolean nginx = type.equals("nginx");
        CorpusRun filebeat = new CorpusRun(FILEBEAT, type, () -> new NginxAccessParser(dataset));
        Path module = root.resolve(FILEBEAT + "/filebeat/module/" + (nginx ? "nginx" : "apache") + "/access");
        for (Path log : SharedCorpora.files(module, n -> n.endsWith(".log"))) {
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, null, filebeatAccess()::apply));
        }
        if (nginx) {
            // Traefik writes the Common Log Format with its own fields after the user agent.
            Path traefik = root.resolve(FILEBEAT + "/filebeat/module/traefik/access/test/test.log");
            filebeat.add(SharedCorpora.filebeat(root, traefik, FILEBEAT_ERA, null, filebeatAccess()::apply));
        }
        List<CorpusRun> runs = new ArrayList<>(List.of(filebeat));
        runs.add(crowdsecAccess(root, type, dataset));
        runs.add(sekoiaAccess(root, type, dataset));
        runs.add(fail2banAccess(root, type, dataset));
        if (!nginx) {
            runs.addAll(realApacheLogs(root, dataset));
        }
        return runs;
    }

    private static CorpusRun crowdsecAccess(Path root, String type, String dataset) {
        CorpusRun run = new CorpusRun(CROWDSEC, type, () -> new NginxAccessParser(dataset));
        List<String> logTypes = type.equals("nginx") ? List.of("nginx", "nginx-proxy-manager") : List.of("apache2", "litespeed");
        Predicate<String> error = type.equals("nginx") ? NGINX_ERROR : APACHE_ERROR;
        for (String logType : logTypes) {
            for (Path log : CrowdsecHub.logs(root, logType)) {
                Predicate<String> proxyManager = type.equals("nginx") ? PROXY_MANAGER_ACCESS : l -> false;
                run.add(SharedCorpora.crowdsec(root, log, error.negate().and(proxyManager.negate()), NOW_ISH,
                        crowdsecAccess()::apply));
                run.exclude(SharedCorpora.label(root, log), count(log, proxyManager),
                        "nginx proxy manager's own access formats (`[time] - status ...`, `[time] host addr ...`), "
                                + "not combined or common");
            }
        }
        if (type.equals("nginx")) {
            for (Path log : CrowdsecHub.logs(root, "bunkerweb")) {
                run.exclude(SharedCorpora.label(root, log), count(log, l -> BUNKERWEB_ACCESS.matcher(l).find()),
                        "BunkerWeb's own log_format (`host addr - request-id user [time]`), not combined or common");
            }
        }
        return run.note("CrowdSec's `parser.assert` events are matched to lines by their `message`; times from its "
                + "`dateparse-enrich` stage; the `-` of an empty user or referrer means no value");
    }

    private static CorpusRun sekoiaAccess(Path root, String type, String dataset) {
        CorpusRun run = new CorpusRun(SEKOIA, type, () -> new NginxAccessParser(dataset));
        Path dir = root.resolve(SEKOIA + (type.equals("nginx") ? "/NGINX" : "/Apache"));
        Predicate<String> access = (type.equals("nginx") ? NGINX_ERROR : APACHE_ERROR).negate();
        run.add(SharedCorpora.sekoia(root, dir, access.and(JSON_LINE.negate()).and(QUOTED_BEFORE_REQUEST.negate()),
                UnaryOperator.identity(), NOW_ISH, sekoiaAccess()::apply));
        run.exclude(SharedCorpora.label(root, dir) + "/access_success_02.json",
                SharedCorpora.sekoiaMessages(dir, access.and(QUOTED_BEFORE_REQUEST)).size(),
                "a custom LogFormat with a quoted field before the request (`[time] \"-\" \"GET ...\"`)");
        run.note("Sekoia keeps nginx's `\\x22` for a quote in the request; it is compared with printable escapes "
                + "decoded, as Vigil writes them");
        if (type.equals("nginx")) {
            run.exclude(SharedCorpora.label(root, dir) + "/json_*.json",
                    SharedCorpora.sekoiaMessages(dir, JSON_LINE).size(),
                    "nginx `log_format` with JSON escaping: structured JSON, for the `json` type");
        }
        return run;
    }

    private static CorpusRun fail2banAccess(Path root, String type, String dataset) {
        CorpusRun run = new CorpusRun(FAIL2BAN, type, () -> new NginxAccessParser(dataset));
        Predicate<String> access = (type.equals("nginx") ? NGINX_ERROR : APACHE_ERROR).negate();
        List<String> files = type.equals("nginx") ? List.of("nginx-") : List.of("apache-", "php-url-fopen");
        for (Path log : SharedCorpora.files(root.resolve(FAIL2BAN_LOGS), n -> files.stream().anyMatch(n::startsWith))) {
            run.add(SharedCorpora.fail2ban(root, log, access.and(FAIL2BAN_VHOST_AFTER_TIME.negate()),
                    UnaryOperator.identity(), FAIL2BAN_NOW, fail2banNames()::apply));
            run.exclude(SharedCorpora.label(root, log), count(log, access.and(FAIL2BAN_VHOST_AFTER_TIME)),
                    "fail2ban's own LogFormat for its fake-Googlebot filter (`- [time ] vhost \"request\"`), "
                            + "not combined or common");
        }
        return run.note("fail2ban's expected times are in its test zone, Europe/Zurich; its offender "
                + "(`host`) is compared with `source.ip` where it is an address");
    }

    /** Real access logs without expected fields: a honeynet under attack, a public web site, scanner runs. */
    private static List<CorpusRun> realApacheLogs(Path root, String dataset) {
        CorpusRun honeynet = new CorpusRun("honeynet-redhat-httpd", "apache", () -> new NginxAccessParser(dataset));
        for (Path log : SharedCorpora.files(root.resolve("honeynet-redhat-httpd/dataset/httpd"), n -> n.startsWith("access_log"))) {
            honeynet.add(SharedCorpora.lines(root, log, l -> true, UnaryOperator.identity(), NOW_ISH));
        }
        CorpusRun examples = new CorpusRun("elastic-examples", "apache", () -> new NginxAccessParser(dataset));
        examples.add(SharedCorpora.lines(root, root.resolve("elastic-examples/Common Data Formats/apache_logs/apache_logs"),
                l -> true, UnaryOperator.identity(), NOW_ISH));
        CorpusRun scans = new CorpusRun("ocatak-apache-http-logs", "apache", () -> new NginxAccessParser(dataset));
        for (Path log : SharedCorpora.files(root.resolve("ocatak-apache-http-logs"), n -> n.endsWith(".txt"))) {
            scans.add(SharedCorpora.lines(root, log, l -> true, WebCorpora::unwrapQuotes, NOW_ISH));
        }
        scans.note("each line was exported wrapped in a pair of double quotes (inner quotes not escaped); "
                + "the outer pair is removed before parsing");
        return List.of(honeynet, examples, scans);
    }

    private static boolean isPathOnly(String target) {
        return target.startsWith("/") && target.indexOf('?') < 0;
    }

    private static String timeForJournal(String line) {
        return JOURNAL.matcher(line).lookingAt() ? "Jan  1 00:00:00 " + line : line;
    }

    private static String unwrapQuotes(String line) {
        return line.length() >= 2 && line.startsWith("\"") && line.endsWith("\"") ? line.substring(1, line.length() - 1) : line;
    }

    private static List<CorpusRun> nginxErrors(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "nginx_error", NginxErrorParser::new);
        filebeat.add(SharedCorpora.filebeat(root, root.resolve(FILEBEAT + "/filebeat/module/nginx/error/test/error.log"),
                FILEBEAT_ERA, null, ExpectedNames.same("@timestamp", "log.level", "process.pid", "process.thread.id",
                        "nginx.error.connection_id")::apply));
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "nginx_error", NginxErrorParser::new);
        ExpectedNames names = ExpectedNames.of("remote_addr", "source.ip", "loglevel", "log.level", "pid", "process.pid",
                "tid", "process.thread.id", "cid", "nginx.error.connection_id", "enriched.MarshaledTime", "@timestamp");
        for (String logType : List.of("nginx", "nginx-proxy-manager", "modsecurity")) {
            for (Path log : CrowdsecHub.logs(root, logType)) {
                crowdsec.add(SharedCorpora.crowdsec(root, log, NGINX_ERROR, NOW_ISH, names::apply));
            }
        }
        CorpusRun sekoia = new CorpusRun(SEKOIA, "nginx_error", NginxErrorParser::new);
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/NGINX"), NGINX_ERROR, UnaryOperator.identity(),
                NOW_ISH, ExpectedNames.same("@timestamp", "log.level", "error.message")::apply));
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "nginx_error", NginxErrorParser::new);
        for (Path log : SharedCorpora.files(root.resolve(FAIL2BAN_LOGS), n -> n.startsWith("nginx-"))) {
            fail2ban.add(SharedCorpora.fail2ban(root, log, NGINX_ERROR.and(DOUBLE_TAG.negate()), WebCorpora::timeForJournal,
                    FAIL2BAN_NOW, fail2banNames()::apply));
            fail2ban.exclude(SharedCorpora.label(root, log), count(log, NGINX_ERROR.and(DOUBLE_TAG)),
                    "a journal line whose message repeats the tag (`nginx[1]: host nginx: ...`), written to test "
                            + "fail2ban's tolerance of it");
        }
        fail2ban.note("journal fixtures (`host nginx[pid]: ...`, no time) get `Jan  1 00:00:00 ` in front, "
                + "a syslog header; the time compared is nginx's own");
        return List.of(filebeat, crowdsec, sekoia, fail2ban);
    }

    private static List<CorpusRun> apacheErrors(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "apache_error", ApacheErrorParser::new);
        ExpectedNames filebeatNames = ExpectedNames.same("@timestamp", "log.level", "process.pid", "process.thread.id",
                "apache.error.module", "source.ip").with("message", "error.message");
        for (Path log : SharedCorpora.files(root.resolve(FILEBEAT + "/filebeat/module/apache/error"), n -> n.endsWith(".log"))) {
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, null, filebeatNames::apply));
        }
        CorpusRun crowdsec = new CorpusRun(CROWDSEC, "apache_error", ApacheErrorParser::new);
        ExpectedNames names = ExpectedNames.of("client", "source.ip", "clientport", "source.port", "loglevel", "log.level",
                "module", "apache.error.module", "pid", "process.pid", "tid", "process.thread.id", "errorcode", "error.code",
                "enriched.MarshaledTime", "@timestamp");
        for (Path log : CrowdsecHub.logs(root, "apache2")) {
            crowdsec.add(SharedCorpora.crowdsec(root, log, APACHE_ERROR, NOW_ISH, names::apply));
        }
        CorpusRun sekoia = new CorpusRun(SEKOIA, "apache_error", ApacheErrorParser::new);
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/Apache"), APACHE_ERROR, UnaryOperator.identity(),
                NOW_ISH, ExpectedNames.of("source.ip", "source.ip", "process.id", "process.pid",
                        "process.thread.id", "process.thread.id")::apply));
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "apache_error", ApacheErrorParser::new);
        for (Path log : SharedCorpora.files(root.resolve(FAIL2BAN_LOGS), n -> n.startsWith("apache-"))) {
            fail2ban.add(SharedCorpora.fail2ban(root, log, APACHE_ERROR, UnaryOperator.identity(), FAIL2BAN_NOW,
                    fail2banNames()::apply));
        }
        CorpusRun loghub = new CorpusRun("loghub", "apache_error", ApacheErrorParser::new);
        loghub.add(SharedCorpora.loghub(root, root.resolve("loghub/Apache/Apache_2k.log"), NOW_ISH,
                row -> loghubApacheError(row)));
        loghub.note("the expected time and level are the `Time` and `Level` columns of loghub's `_structured.csv`");
        return List.of(filebeat, crowdsec, sekoia, fail2ban, loghub);
    }

    /** loghub writes Apache's time as it appears ({@code Sun Dec 04 04:47:44 2005}), a wall-clock time. */
    private static Map<String, String> loghubApacheError(Map<String, Object> row) {
        Map<String, String> expected = new LinkedHashMap<>();
        Object time = row.get("Time");
        if (time != null) {
            expected.put("@timestamp", LocalDateTime.parse(time.toString(), APACHE_TIME).toString());
        }
        if (row.get("Level") != null) {
            expected.put("log.level", row.get("Level").toString());
        }
        return expected;
    }

    private static List<CorpusRun> haproxy(Path root) {
        CorpusRun filebeat = new CorpusRun(FILEBEAT, "haproxy", HaproxyParser::new);
        ExpectedNames filebeatNames = ExpectedNames.same("source.ip", "source.port", "destination.ip", "destination.port",
                        "http.response.status_code", "http.response.bytes", "haproxy.frontend_name", "haproxy.backend_name",
                        "haproxy.server_name", "haproxy.termination_state", "haproxy.total_waiting_time_ms",
                        "haproxy.connection_wait_time_ms", "haproxy.http.request.time_wait_ms", "haproxy.connections.active",
                        "haproxy.server_queue", "event.duration", "process.pid")
                .with("haproxy.bytes_read", "destination.bytes");
        for (Path log : SharedCorpora.files(root.resolve(FILEBEAT + "/filebeat/module/haproxy"), n -> n.endsWith(".log"))) {
            filebeat.add(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, null, filebeatNames::apply));
        }
        CorpusRun sekoia = new CorpusRun(SEKOIA, "haproxy", HaproxyParser::new);
        Path dir = root.resolve(SEKOIA + "/HAProxy");
        sekoia.add(SharedCorpora.sekoia(root, dir, HAPEE_JSON.negate(), UnaryOperator.identity(), NOW_ISH,
                ExpectedNames.same("source.ip", "source.port", "http.response.status_code", "http.response.bytes",
                        "http.request.method", "url.original", "url.path", "url.query", "http.version",
                        "error.message")::apply));
        sekoia.exclude(SharedCorpora.label(root, dir) + "/json.json", SharedCorpora.sekoiaMessages(dir, HAPEE_JSON).size(),
                "HAProxy Enterprise WAF JSON (`[ACCESS] {...}`), not an HAProxy log format");
        CorpusRun fail2ban = new CorpusRun(FAIL2BAN, "haproxy", HaproxyParser::new);
        fail2ban.add(SharedCorpora.fail2ban(root, root.resolve(FAIL2BAN_LOGS + "/haproxy-http-auth"), l -> true,
                UnaryOperator.identity(), FAIL2BAN_NOW, new ExpectedNames()
                        .with("host", "source.ip", v -> IpAddresses.isIp(v) ? v : null)::apply));
        fail2ban.note("times not compared: fail2ban dates these year-less syslog lines in its own test year, "
                + "HAProxy's accept date in the line says otherwise");
        return List.of(filebeat, sekoia, fail2ban);
    }

    private static int count(Path log, Predicate<String> select) {
        return (int) SharedCorpora.nonBlankLines(log).stream().filter(l -> !l.startsWith("#")).filter(select).count();
    }
}
