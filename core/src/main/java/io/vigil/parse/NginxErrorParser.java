package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx error log lines ({@code error_log}), type {@code nginx_error}, dataset {@code nginx.error}:
 * <pre>
 * 2024/01/02 03:04:05 [error] 1234#1234: *5 open() "/x" failed (2: No such file or directory),
 *     client: 1.2.3.4, server: localhost, request: "GET /x HTTP/1.1", host: "example.com"
 * </pre>
 * (one line). Fields: {@code log.level}, {@code process.pid}, {@code process.thread.id},
 * {@code nginx.error.connection_id}, and from the context nginx appends after the text:
 * {@code source.*} (client), {@code http.request.method}, {@code url.*} (request),
 * {@code url.domain}/{@code url.port} (host), {@code http.request.referrer}, {@code user.name}
 * (mail login), {@code nginx.error.server}, {@code nginx.error.upstream}, and
 * {@code nginx.error.<key>} for other keys; {@code source.*} and {@code destination.*} from the mail
 * proxy's {@code client 1.2.3.4:5678 connected to 0.0.0.0:25}. The entry's text without that context goes to
 * {@code error.message} whatever the level, so one full-text field serves every rule.
 *
 * <p>Time zone: nginx writes the server's local time without an offset; it is read as UTC. Run
 * nginx in UTC, or expect {@code @timestamp} to be off by the server's offset.
 *
 * <p>A line relayed through syslog is read after its header ({@link SyslogRelay}).
 *
 * <p>Never throws; thread-safe (stateless).
 */
public final class NginxErrorParser implements Parser {
    public static final String DATASET = "nginx.error";

    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) \\[([a-z]{1,10})\\] (\\d{1,10})#(\\d{1,20}): "
                    + "(?:\\*(\\d{1,20}) )?(.*)$",
            Pattern.DOTALL);
    /** Where nginx's appended context starts: the first {@code , key: } with a key it writes. */
    private static final Pattern CONTEXT_START = Pattern.compile(
            ", (?:client|server|request|subrequest|upstream|host|referrer|login|responder|peer|certificate"
                    + "|sni|port|proxy_protocol_addr): ");
    /**
     * One {@code , key: value} item; a value runs to the next item. Quoted values without inner quotes
     * are taken first; nginx does not escape quotes inside a request, so any other value is taken
     * up to the next item. Every scan stops at the next quote or item, keeping a line linear even
     * when a client crafts a URI full of ", x: " to slow us down.
     */
    private static final Pattern CONTEXT_ITEM = Pattern.compile(
            "\\G, (\\w+): (?:\"([^\"]*)\"|(.*?))(?=, \\w+: |$)", Pattern.DOTALL);
    private static final Pattern CONNECTED = Pattern.compile("^client (\\S+) connected to (\\S+)$");
    private static final List<String> ERROR_LEVELS = List.of("emerg", "alert", "crit", "error", "warn");

    @Override
    public ParseResult parse(RawEvent raw) {
        ParseResult result = line(raw);
        return result instanceof ParseResult.Failed failed ? SyslogRelay.parse(raw, this::line, failed) : result;
    }

    private ParseResult line(RawEvent raw) {
        String line = raw.text();
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new ParseResult.Failed(raw,
                    "not an nginx error log line (expected 'yyyy/MM/dd HH:mm:ss [level] pid#tid: ...')");
        }
        Instant time = time(m);
        if (time == null) {
            return new ParseResult.Failed(raw, "impossible date or time in '" + line.substring(0, 19) + "'");
        }
        String level = m.group(7);
        Event e = new Event()
                .put(Ecs.TIMESTAMP, time)
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, DATASET)
                .put(Ecs.EVENT_MODULE, "nginx")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of(ERROR_LEVELS.contains(level) ? "error" : "info"))
                .put("log.level", level)
                .put("process.pid", Long.parseLong(m.group(8)))
                .put("process.thread.id", Endpoints.number(m.group(9)))
                .put("nginx.error.connection_id", Endpoints.number(m.group(10)));
        text(m.group(11), e);
        return ParseResult.of(e);
    }

    private static Instant time(Matcher m) {
        try {
            return LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static void text(String text, Event e) {
        Matcher start = CONTEXT_START.matcher(text);
        if (!start.find()) {
            e.put(Ecs.ERROR_MESSAGE, text);
            connected(text, e);
            return;
        }
        e.put(Ecs.ERROR_MESSAGE, text.substring(0, start.start()));
        Matcher item = CONTEXT_ITEM.matcher(text);
        item.region(start.start(), text.length());
        while (item.find()) {
            String value = item.group(2) != null ? item.group(2) : unquote(item.group(3));
            context(item.group(1).toLowerCase(Locale.ROOT), value, e);
        }
    }

    /** The mail proxy's {@code client 1.2.3.4:5678 connected to 0.0.0.0:25}, which has no context. */
    private static void connected(String text, Event e) {
        Matcher c = CONNECTED.matcher(text);
        if (c.matches()) {
            String[] client = Endpoints.hostPort(c.group(1));
            String[] server = Endpoints.hostPort(c.group(2));
            Endpoints.put(e, "source", client[0], client[1]);
            Endpoints.put(e, "destination", server[0], server[1]);
        }
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static void context(String key, String value, Event e) {
        if (value.isEmpty()) {
            return;
        }
        switch (key) {
            case "client" -> {
                // Mail proxies append words: "client: 1.2.3.4 using starttls".
                int space = value.indexOf(' ');
                Endpoints.put(e, "source", space < 0 ? value : value.substring(0, space), null);
            }
            case "request" -> HttpRequestLine.putInto(value, e);
            case "host" -> {
                String[] hostPort = Endpoints.hostPort(value);
                e.put("url.domain", hostPort[0]);
                e.put("url.port", Endpoints.port(hostPort[1]));
            }
            case "referrer" -> e.put(Ecs.HTTP_REQUEST_REFERRER, value);
            case "login" -> e.put(Ecs.USER_NAME, value);
            default -> e.put("nginx.error." + key, value);
        }
    }
}
