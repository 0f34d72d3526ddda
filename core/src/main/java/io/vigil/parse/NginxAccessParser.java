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
 * Extra fields after the user agent (nginx's {@code $http_x_forwarded_for}) are tolerated, and so
 * are the common variants before the time (see {@link AccessHead}): a virtual host
 * ({@code destination.domain}, {@code destination.port}), forwarded-for addresses (the client
 * becomes {@code source.ip}, the list {@code <module>.access.remote_ip_list}), no ident. A line
 * relayed through syslog ({@code Sep 15 16:13:46 web nginx[2869]: ...}) is read after its header
 * ({@link SyslogRelay}).
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
        ParseResult result = line(raw);
        return result instanceof ParseResult.Failed failed ? SyslogRelay.parse(raw, this::line, failed) : result;
    }

    private ParseResult line(RawEvent raw) {
        String line = raw.text();
        AccessLine fields = AccessLine.scan(line);
        if (fields == null) {
            return new ParseResult.Failed(raw, NOT_ACCESS);
        }
        Instant time = Timestamps.clf(fields.time());
        if (time == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + fields.time() + "]");
        }
        return ParseResult.of(event(line, time, fields));
    }

    private Event event(String line, Instant time, AccessLine fields) {
        Event e = new Event()
                .put(Ecs.TIMESTAMP, time)
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, module)
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of("access"));
        head(fields.head(), e);
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
        return e;
    }

    /** Client address (and the forwarded-for list it was chosen from), virtual host, user. */
    private void head(AccessHead head, Event e) {
        String address = head.client();
        if (address != null) {
            e.put(Ecs.SOURCE_ADDRESS, address);
            e.put(IpAddresses.isIp(address) ? Ecs.SOURCE_IP : "source.domain", address);
        }
        if (head.addresses().size() > 1) {
            e.put(module + ".access.remote_ip_list", head.addresses());
        }
        if (head.vhost() != null) {
            e.put("destination.domain", head.vhost()).put(Ecs.DESTINATION_PORT, head.vhostPort());
        }
        if (!"-".equals(head.user())) {
            e.put(Ecs.USER_NAME, head.user());
        }
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

    /**
     * Undoes the escaping the servers apply to keep the quotes around a field intact: Apache's
     * {@code \"} and {@code \\}, and nginx's {@code \xHH} for a printable character (it writes
     * a quote as {@code \x22}). Bytes that are not printable ASCII stay as the server wrote them
     * ({@code \x16\x03}, {@code \xC3\xA9}): decoding them one per character would garble UTF-8 and
     * binary probes, and the written form is what analysts search for, as Filebeat, CrowdSec and
     * Sekoia keep it too.
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                int printable = i + 3 < s.length() && n == 'x' ? printableHex(s.charAt(i + 2), s.charAt(i + 3)) : -1;
                if (printable >= 0) {
                    out.append((char) printable);
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

    /** The character two hex digits name when it is printable ASCII, else -1. */
    private static int printableHex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        int value = h < 0 || l < 0 ? -1 : h * 16 + l;
        return value >= 0x20 && value <= 0x7e ? value : -1;
    }
}
