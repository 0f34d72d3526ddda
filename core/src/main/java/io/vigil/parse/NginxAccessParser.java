package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Access logs in the NCSA combined and common formats, as written by nginx's default
 * {@code combined} log format and Apache's {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}.
 * Extra fields after the user agent (nginx's {@code $http_x_forwarded_for}) are tolerated.
 *
 * <p>A hand-written scanner rather than a regular expression: this is the hottest parser (web
 * servers write the most lines), and one left-to-right pass that allocates only the field values
 * is several times cheaper than a backtracking matcher with capture groups. Thread-safe; never
 * throws on malformed input.
 */
public final class NginxAccessParser implements Parser {
    private static final String NOT_ACCESS = "not an access log line in combined or common format";

    private final String dataset;
    private final String module;

    /** @param dataset the {@code event.dataset} to set, e.g. {@code nginx.access} */
    public NginxAccessParser(String dataset) {
        this.dataset = dataset;
        this.module = dataset.substring(0, dataset.indexOf('.') > 0 ? dataset.indexOf('.') : dataset.length());
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        String line = raw.text();
        AccessLine fields = AccessLine.scan(line);
        if (fields == null) {
            return new ParseResult.Failed(raw, NOT_ACCESS);
        }
        Instant time = Timestamps.clf(fields.time());
        if (time == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + fields.time() + "]");
        }
        Event e = new Event()
                .put(Ecs.TIMESTAMP, time)
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, module)
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of("access"));
        String address = fields.address();
        e.put(Ecs.SOURCE_ADDRESS, address);
        if (IpAddresses.isIp(address)) {
            e.put(Ecs.SOURCE_IP, address);
        } else {
            e.put("source.domain", address);
        }
        if (!"-".equals(fields.user())) {
            e.put(Ecs.USER_NAME, fields.user());
        }
        request(unescape(fields.request()), e);
        if (fields.status() >= 0) {
            e.put(Ecs.HTTP_RESPONSE_STATUS_CODE, (long) fields.status());
            e.put(Ecs.EVENT_OUTCOME, fields.status() >= 400 ? "failure" : "success");
        }
        if (fields.bytes() != null) {
            e.put(Ecs.HTTP_RESPONSE_BODY_BYTES, fields.bytes());
        }
        String referrer = fields.referrer();
        if (referrer != null && !referrer.equals("-") && !referrer.isEmpty()) {
            e.put(Ecs.HTTP_REQUEST_REFERRER, unescape(referrer));
        }
        String agent = fields.agent();
        if (agent != null && !agent.equals("-") && !agent.isEmpty()) {
            e.put(Ecs.USER_AGENT_ORIGINAL, unescape(agent));
        }
        return ParseResult.of(e);
    }

    /**
     * The request line: {@code METHOD target[ HTTP/version]}. Anything else (probes send binary or
     * half requests) is kept whole in {@code url.original}.
     */
    private static void request(String request, Event e) {
        if (request.isEmpty() || request.equals("-")) {
            return;
        }
        int method = 0;
        while (method < request.length() && isMethodChar(request.charAt(method))) {
            method++;
        }
        int urlStart = method + 1;
        int urlEnd = urlStart;
        while (urlEnd < request.length() && !AccessLine.isSpace(request.charAt(urlEnd))) {
            urlEnd++;
        }
        String version = method > 0 && urlEnd > urlStart && request.charAt(method) == ' ' ? version(request, urlEnd) : null;
        if (version == null) {
            e.put(Ecs.URL_ORIGINAL, request);
            return;
        }
        e.put(Ecs.HTTP_REQUEST_METHOD, request.substring(0, method).toUpperCase(Locale.ROOT));
        String url = request.substring(urlStart, urlEnd);
        e.put(Ecs.URL_ORIGINAL, url);
        int q = url.indexOf('?');
        if (url.startsWith("/")) {
            e.put(Ecs.URL_PATH, q < 0 ? url : url.substring(0, q));
            if (q >= 0 && q + 1 < url.length()) {
                e.put(Ecs.URL_QUERY, url.substring(q + 1));
            }
        }
        if (!version.isEmpty()) {
            e.put(Ecs.HTTP_VERSION, version);
        }
    }

    /**
     * What follows the target: nothing (HTTP/0.9 style) gives "", {@code HTTP/1.1} gives "1.1";
     * null when the request does not end there.
     */
    private static String version(String request, int at) {
        if (at == request.length()) {
            return "";
        }
        if (!request.startsWith(" HTTP/", at)) {
            return null;
        }
        int start = at + 6;
        int i = AccessLine.digits(request, start);
        if (i == start) {
            return null;
        }
        if (i < request.length() && request.charAt(i) == '.') {
            int fraction = AccessLine.digits(request, i + 1);
            if (fraction > i + 1) {
                i = fraction;
            }
        }
        return i == request.length() ? request.substring(start, i) : null;
    }

    private static boolean isMethodChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-';
    }

    /** Undoes Apache's {@code \"} and nginx's {@code \x22} escaping. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'x' && i + 3 < s.length() && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                }
                if (n == '"' || n == '\\') {
                    out.append(n);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
