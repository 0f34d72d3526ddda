package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache httpd error log lines, type {@code apache_error}, dataset {@code apache.error}, in the
 * default formats of 2.4 and 2.2:
 * <pre>
 * [Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH00126: Invalid URI ...
 * [Sun Dec 04 04:47:44 2005] [error] [client 1.2.3.4] File does not exist: /var/www/html/x
 * </pre>
 * Fields: {@code log.level}, {@code apache.error.module}, {@code process.pid},
 * {@code process.thread.id}, {@code source.*} (the first {@code [client ...]}), {@code error.code}
 * (the {@code AHnnnnn} message number), {@code apache.error.status_code}/{@code .status} (an APR
 * status such as {@code (70014)End of file found}), {@code apache.error.source_file} (debug lines),
 * {@code http.request.referrer} (a trailing {@code , referer: ...}) and the text in
 * {@code error.message} whatever the level.
 *
 * <p>Time zone: httpd writes the server's local time without an offset; it is read as UTC.
 *
 * <p>Never throws; thread-safe (stateless).
 */
public final class ApacheErrorParser implements Parser {
    public static final String DATASET = "apache.error";

    private static final Pattern LINE = Pattern.compile(
            "^\\[([^\\]]{20,40})\\] \\[(?:([\\w-]*):)?([a-z]+\\d?)\\] ?"
                    + "(?:\\[pid (\\d{1,10})(?::tid (\\d{1,20}))?\\] ?)?(.*)$",
            Pattern.DOTALL);
    private static final Pattern TIME = Pattern.compile(
            "^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\d{4})$");
    /** Before the client: a source file (debug levels) and an APR status, both optional. */
    private static final Pattern PREFIX = Pattern.compile(
            "^(?:([\\w.-]+\\.c\\(\\d+\\)): )?(?:\\((-?\\d{1,10})\\)([^:\\[]*): )?");
    private static final Pattern CLIENT = Pattern.compile("\\G\\[(?:client|remote) ([^\\]]*)\\] ?");
    private static final Pattern CODE = Pattern.compile("^(AH\\d{5}): ");
    private static final Pattern REFERER = Pattern.compile(", referer: (\\S*)$");
    private static final List<String> LEVELS = List.of(
            "emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
            "trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8");
    private static final List<String> ERROR_LEVELS = LEVELS.subList(0, 5);
    private static final List<String> MONTHS = List.of(
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    @Override
    public ParseResult parse(RawEvent raw) {
        String line = raw.text();
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new ParseResult.Failed(raw, "not an Apache error log line (expected '[time] [module:level] ...')");
        }
        String level = m.group(3);
        if (!LEVELS.contains(level)) {
            return new ParseResult.Failed(raw, "unknown log level '" + level + "'");
        }
        Instant time = time(m.group(1));
        if (time == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + m.group(1) + "]");
        }
        Event e = new Event()
                .put(Ecs.TIMESTAMP, time)
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, DATASET)
                .put(Ecs.EVENT_MODULE, "apache")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of(ERROR_LEVELS.contains(level) ? "error" : "info"))
                .put("log.level", level)
                .put("process.pid", Endpoints.number(m.group(4)))
                .put("process.thread.id", Endpoints.number(m.group(5)));
        if (m.group(2) != null && !m.group(2).isEmpty()) {
            e.put("apache.error.module", m.group(2));
        }
        // 2.4 writes "[module:level]" and always a port after the client; 2.2 writes neither.
        text(m.group(6), m.group(2) != null, e);
        return ParseResult.of(e);
    }

    private static void text(String text, boolean withPort, Event e) {
        Matcher prefix = PREFIX.matcher(text);
        int at = 0;
        if (prefix.lookingAt()) {
            e.put("apache.error.source_file", prefix.group(1));
            e.put("apache.error.status_code", prefix.group(2) == null ? null : Long.valueOf(prefix.group(2)));
            e.put("apache.error.status", prefix.group(3) == null ? null : prefix.group(3).strip());
            at = prefix.end();
        }
        // ModSecurity repeats the client; the first one is httpd's own.
        Matcher client = CLIENT.matcher(text).region(at, text.length());
        if (client.find()) {
            client(client.group(1).replace(" ", ""), withPort, e);
            do {
                at = client.end();
            } while (client.find());
        }
        String message = text.substring(at);
        Matcher referer = REFERER.matcher(message);
        if (referer.find()) {
            e.put(Ecs.HTTP_REQUEST_REFERRER, referer.group(1));
            message = message.substring(0, referer.start());
        }
        Matcher code = CODE.matcher(message);
        if (code.find()) {
            e.put("error.code", code.group(1));
        }
        e.put(Ecs.ERROR_MESSAGE, message.strip());
    }

    /** {@code 1.2.3.4} (2.2), {@code 1.2.3.4:5678} or {@code 2001:db8::1:5678} (2.4). */
    private static void client(String value, boolean withPort, Event e) {
        int colon = value.lastIndexOf(':');
        // A 2.2-style line can carry a port too when a module (ModSecurity) wrote the client itself.
        boolean port = withPort || !IpAddresses.isIp(value) && colon > 0 && IpAddresses.isIp(value.substring(0, colon));
        if (port && colon > 0 && Endpoints.port(value.substring(colon + 1)) != null) {
            Endpoints.put(e, "source", value.substring(0, colon), value.substring(colon + 1));
        } else {
            Endpoints.put(e, "source", value, null);
        }
    }

    private static Instant time(String s) {
        Matcher t = TIME.matcher(s);
        if (!t.matches()) {
            return null;
        }
        int month = MONTHS.indexOf(t.group(1).toLowerCase(Locale.ROOT)) + 1;
        String fraction = t.group(6) == null ? "0" : (t.group(6) + "00000000").substring(0, 9);
        try {
            return LocalDateTime.of(Integer.parseInt(t.group(7)), month, Integer.parseInt(t.group(2)),
                            Integer.parseInt(t.group(3)), Integer.parseInt(t.group(4)),
                            Integer.parseInt(t.group(5)), Integer.parseInt(fraction))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // Month 0 (an unknown name) lands here too.
            return null;
        }
    }
}
