package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy logs, type {@code haproxy}, dataset {@code haproxy.log}, with or without the syslog header
 * ({@code Sep  4 13:48:08 lb haproxy[1234]: }) in front. Four line shapes are understood:
 * <ul>
 *   <li>HTTP format ({@code option httplog}): {@code 1.2.3.4:5678 [10/Dec/2018:12:01:46.395] fe be/srv
 *       TR/Tw/Tc/Tr/Ta status bytes cookie cookie tsc ac/fc/bc/sc/rc sq/bq {hdrs} {hdrs} "request"};
 *   <li>TCP format ({@code option tcplog}): {@code 1.2.3.4:5678 [date] fe be/srv Tw/Tc/Tt bytes ts
 *       ac/fc/bc/sc/rc sq/bq};
 *   <li>connection errors: {@code 1.2.3.4:5678 [date] fe/bind: SSL handshake failure};
 *   <li>the default format: {@code Connect from 1.2.3.4:5678 to 5.6.7.8:80 (fe/HTTP)}.
 * </ul>
 * Fields: {@code source.*}, {@code haproxy.frontend_name}, {@code haproxy.backend_name},
 * {@code haproxy.server_name}, the timers as Longs in milliseconds ({@code haproxy.total_waiting_time_ms},
 * {@code haproxy.connection_wait_time_ms}, {@code haproxy.http.request.time_wait_ms},
 * {@code haproxy.http.request.time_wait_without_data_ms}; -1 means the stage was not reached) and the
 * total as {@code event.duration} in nanoseconds, {@code http.response.status_code},
 * {@code http.response.bytes} and {@code destination.bytes} (bytes sent to the client),
 * {@code haproxy.termination_state}, {@code haproxy.connections.*} ({@code haproxy.redispatched}
 * when the retries carry HAProxy's {@code +}), {@code haproxy.server_queue},
 * {@code haproxy.backend_queue}, captured headers and cookies, the request line, and from the syslog
 * header {@code host.name} (or {@code host.ip}), {@code process.name} and {@code process.pid}. A
 * frontend name ending in {@code ~} (SSL) is stored without it and sets {@code tls.established}.
 *
 * <p>{@code event.outcome}: HTTP by status (400 and above fail); TCP by the termination state
 * (anything but {@code --}, HAProxy's normal end, fails); connection errors fail.
 *
 * <p>Time: the accept date in brackets, HAProxy's local time without an offset, read as UTC; else
 * the syslog header's time; else none (the pipeline then uses the receive time and tags the event).
 * Never throws; thread-safe (stateless).
 */
public final class HaproxyParser implements Parser {
    public static final String DATASET = "haproxy.log";

    private static final String NUM = "(\\+?-?\\d{1,18})";
    private static final String HEAD = "^\\s*(\\S+):(\\d{1,5}) \\[([^\\]]{1,40})\\] ";
    private static final String PROXIES = "(\\S+) ([^/\\s]+)/(\\S+) ";
    private static final String COUNTS = NUM + "/" + NUM + "/" + NUM + "/" + NUM + "/" + NUM + " " + NUM + "/" + NUM;
    private static final Pattern HTTP = Pattern.compile(HEAD + PROXIES
            + NUM + "/" + NUM + "/" + NUM + "/" + NUM + "/" + NUM + " (-?\\d{1,3}) " + NUM
            + " (\\S+) (\\S+) (\\S{4}) " + COUNTS + "(.*)$", Pattern.DOTALL);
    private static final Pattern TCP = Pattern.compile(HEAD + PROXIES
            + NUM + "/" + NUM + "/" + NUM + " " + NUM + " (\\S{2}) " + COUNTS + "\\s*$");
    private static final Pattern ERROR = Pattern.compile(HEAD + "([^/\\s]+)/(\\S+): (.+?)\\s*$", Pattern.DOTALL);
    private static final Pattern CONNECT = Pattern.compile(
            "^\\s*Connect from (\\S+):(\\d{1,5}) to (\\S+):(\\d{1,5}) \\(([^/\\s]+)/(\\w+)\\)\\s*$");
    /** After the queues: up to two captured-header blocks, the quoted request, anything else. */
    private static final Pattern HTTP_TAIL = Pattern.compile(
            "^(?: \\{([^}]*)\\})?(?: \\{([^}]*)\\})?(?: \"(.*?)(?:\"|$))?(.*)$", Pattern.DOTALL);

    /** Text that may hold the HAProxy part, and the syslog tag it follows, if any. */
    private record Candidate(String body, SyslogPrefix.Tag tag) {}

    @Override
    public ParseResult parse(RawEvent raw) {
        String line = raw.text();
        SyslogPrefix header = SyslogPrefix.parse(line, raw.received());
        for (Candidate candidate : candidates(line, header)) {
            Event e = body(candidate.body());
            if (e != null) {
                return finish(e, line, header, candidate.tag());
            }
        }
        return new ParseResult.Failed(raw, "not a HAProxy HTTP, TCP, connection error or 'Connect from' line");
    }

    /** After the syslog tag if any; else after the header; else the line. */
    private static List<Candidate> candidates(String line, SyslogPrefix header) {
        List<Candidate> candidates = new ArrayList<>(3);
        if (header != null) {
            SyslogPrefix.Tag tag = header.tag();
            if (tag != null) {
                candidates.add(new Candidate(tag.body(), tag));
            }
            candidates.add(new Candidate(header.rest(), null));
        }
        candidates.add(new Candidate(line, null));
        return candidates;
    }

    private static Event body(String body) {
        // Every format but "Connect from" has "ip:port [date] "; most lines that are not HAProxy's have neither.
        if (body.indexOf(" [") < 0 && !body.contains("Connect from ")) {
            return null;
        }
        Matcher m = HTTP.matcher(body);
        if (m.matches()) {
            return http(m);
        }
        m = TCP.matcher(body);
        if (m.matches()) {
            return tcp(m);
        }
        m = ERROR.matcher(body);
        if (m.matches()) {
            return error(m);
        }
        m = CONNECT.matcher(body);
        if (m.matches()) {
            return connect(m);
        }
        return null;
    }

    private static ParseResult finish(Event e, String line, SyslogPrefix header, SyslogPrefix.Tag tag) {
        if (header != null) {
            // The accept date is more precise; the header covers lines without one.
            e.putIfAbsent(Ecs.TIMESTAMP, header.time());
            if (header.host() != null) {
                e.put(IpAddresses.isIp(header.host()) ? Ecs.HOST_IP : Ecs.HOST_NAME, header.host());
            }
        }
        if (tag != null) {
            e.put("process.name", tag.program());
            e.put("process.pid", tag.pid());
        }
        e.put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, DATASET)
                .put(Ecs.EVENT_MODULE, "haproxy")
                .put(Ecs.EVENT_KIND, "event");
        return ParseResult.of(e);
    }

    /** Source, accept date, and the proxy names shared by the HTTP and TCP formats. */
    private static Event common(Matcher m) {
        Event e = new Event();
        Endpoints.put(e, "source", m.group(1), m.group(2));
        e.put(Ecs.TIMESTAMP, Timestamps.clf(m.group(3)));
        String frontend = m.group(4);
        if (frontend.endsWith("~")) {
            frontend = frontend.substring(0, frontend.length() - 1);
            e.put("tls.established", Boolean.TRUE);
        }
        e.put("haproxy.frontend_name", frontend);
        e.put("haproxy.backend_name", m.group(5));
        e.put("haproxy.server_name", m.group(6));
        return e;
    }

    private static Event http(Matcher m) {
        Event e = common(m)
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of("access"))
                .put("haproxy.http.request.time_wait_ms", number(m.group(7)))
                .put("haproxy.total_waiting_time_ms", number(m.group(8)))
                .put("haproxy.connection_wait_time_ms", number(m.group(9)))
                .put("haproxy.http.request.time_wait_without_data_ms", number(m.group(10)));
        duration(m.group(11), e);
        long status = Long.parseLong(m.group(12));
        if (status >= 0) {
            e.put(Ecs.HTTP_RESPONSE_STATUS_CODE, status);
            e.put(Ecs.EVENT_OUTCOME, status >= 400 ? "failure" : "success");
        }
        e.put("http.response.bytes", number(m.group(13)));
        e.put("destination.bytes", number(m.group(13)));
        cookie("haproxy.http.request.captured_cookie", m.group(14), e);
        cookie("haproxy.http.response.captured_cookie", m.group(15), e);
        e.put("haproxy.termination_state", m.group(16));
        counts(m, 17, e);
        httpTail(m.group(24), e);
        return e;
    }

    private static void httpTail(String tail, Event e) {
        Matcher t = HTTP_TAIL.matcher(tail);
        if (!t.matches()) {
            return;
        }
        headers("haproxy.http.request.captured_headers", t.group(1), e);
        headers("haproxy.http.response.captured_headers", t.group(2), e);
        if (t.group(3) != null) {
            HttpRequestLine.putInto(t.group(3), e);
        }
    }

    private static Event tcp(Matcher m) {
        Event e = common(m)
                .put(Ecs.EVENT_CATEGORY, List.of("network"))
                .put(Ecs.EVENT_TYPE, List.of("connection"))
                .put("haproxy.total_waiting_time_ms", number(m.group(7)))
                .put("haproxy.connection_wait_time_ms", number(m.group(8)));
        duration(m.group(9), e);
        e.put("destination.bytes", number(m.group(10)));
        e.put("haproxy.termination_state", m.group(11));
        e.put(Ecs.EVENT_OUTCOME, m.group(11).startsWith("--") ? "success" : "failure");
        counts(m, 12, e);
        return e;
    }

    private static Event error(Matcher m) {
        Event e = new Event();
        Endpoints.put(e, "source", m.group(1), m.group(2));
        e.put(Ecs.TIMESTAMP, Timestamps.clf(m.group(3)));
        return e.put(Ecs.EVENT_CATEGORY, List.of("network"))
                .put(Ecs.EVENT_TYPE, List.of("connection"))
                .put(Ecs.EVENT_OUTCOME, "failure")
                .put("haproxy.frontend_name", m.group(4))
                .put("haproxy.bind_name", m.group(5))
                .put(Ecs.ERROR_MESSAGE, m.group(6));
    }

    private static Event connect(Matcher m) {
        Event e = new Event();
        Endpoints.put(e, "source", m.group(1), m.group(2));
        Endpoints.put(e, "destination", m.group(3), m.group(4));
        return e.put(Ecs.EVENT_CATEGORY, List.of("network"))
                .put(Ecs.EVENT_TYPE, List.of("connection", "start"))
                .put("haproxy.frontend_name", m.group(5))
                .put("haproxy.mode", m.group(6));
    }

    /** {@code ac/fc/bc/sc/rc sq/bq} starting at {@code group}. */
    private static void counts(Matcher m, int group, Event e) {
        e.put("haproxy.connections.active", number(m.group(group)));
        e.put("haproxy.connections.frontend", number(m.group(group + 1)));
        e.put("haproxy.connections.backend", number(m.group(group + 2)));
        e.put("haproxy.connections.server", number(m.group(group + 3)));
        // "+" before the retries means the session was redispatched to another server.
        e.put("haproxy.connections.retries", number(m.group(group + 4)));
        if (m.group(group + 4).startsWith("+")) {
            e.put("haproxy.redispatched", Boolean.TRUE);
        }
        e.put("haproxy.server_queue", number(m.group(group + 5)));
        e.put("haproxy.backend_queue", number(m.group(group + 6)));
    }

    /** Total time in ms; "+" marks a log written before the end (option logasap). */
    private static void duration(String total, Event e) {
        Long ms = number(total);
        if (ms != null && ms >= 0) {
            e.put("event.duration", ms * 1_000_000L);
        }
    }

    private static void cookie(String field, String value, Event e) {
        if (!value.equals("-")) {
            e.put(field, value);
        }
    }

    private static void headers(String field, String block, Event e) {
        if (block == null) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (String v : block.split("\\|", -1)) {
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        if (!values.isEmpty()) {
            e.put(field, List.copyOf(values));
        }
    }

    private static Long number(String s) {
        String digits = s.startsWith("+") ? s.substring(1) : s;
        return digits.startsWith("-") ? -Long.parseLong(digits.substring(1)) : Long.parseLong(digits);
    }
}
