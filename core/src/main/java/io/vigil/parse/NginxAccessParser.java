package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access logs in the NCSA combined and common formats, as written by nginx's default
 * {@code combined} log format and Apache's {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}.
 * Extra fields after the user agent (nginx's {@code $http_x_forwarded_for}) are tolerated.
 */
public final class NginxAccessParser implements Parser {
    // Possessive quantifiers: a quoted field never needs backtracking, and this is the hot path.
    private static final String QUOTED = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED + " (\\d{3}|-) (\\d+|-)"
                    + "(?: " + QUOTED + " " + QUOTED + ")?(?: " + QUOTED + ")?.*$");
    private static final Pattern REQUEST = Pattern.compile("^([A-Za-z_-]+) (\\S+)(?: HTTP/(\\d+(?:\\.\\d+)?))?$");

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
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new ParseResult.Failed(raw, "not an access log line in combined or common format");
        }
        Instant time = Timestamps.clf(m.group(4));
        if (time == null) {
            return new ParseResult.Failed(raw, "unreadable time [" + m.group(4) + "]");
        }
        Event e = new Event()
                .put(Ecs.TIMESTAMP, time)
                .put(Ecs.MESSAGE, line)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, module)
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, List.of("web"))
                .put(Ecs.EVENT_TYPE, List.of("access"));
        String address = m.group(1);
        e.put(Ecs.SOURCE_ADDRESS, address);
        if (IpAddresses.isIp(address)) {
            e.put(Ecs.SOURCE_IP, address);
        } else {
            e.put("source.domain", address);
        }
        if (!"-".equals(m.group(3))) {
            e.put(Ecs.USER_NAME, m.group(3));
        }
        request(unescape(m.group(5)), e);
        if (!"-".equals(m.group(6))) {
            long status = Long.parseLong(m.group(6));
            e.put(Ecs.HTTP_RESPONSE_STATUS_CODE, status);
            e.put(Ecs.EVENT_OUTCOME, status >= 400 ? "failure" : "success");
        }
        if (!"-".equals(m.group(7))) {
            e.put(Ecs.HTTP_RESPONSE_BODY_BYTES, Long.parseLong(m.group(7)));
        }
        String referrer = m.group(8);
        if (referrer != null && !referrer.equals("-") && !referrer.isEmpty()) {
            e.put(Ecs.HTTP_REQUEST_REFERRER, unescape(referrer));
        }
        String agent = m.group(9);
        if (agent != null && !agent.equals("-") && !agent.isEmpty()) {
            e.put(Ecs.USER_AGENT_ORIGINAL, unescape(agent));
        }
        return ParseResult.of(e);
    }

    private static void request(String request, Event e) {
        if (request.isEmpty() || request.equals("-")) {
            return;
        }
        Matcher r = REQUEST.matcher(request);
        if (!r.matches()) {
            // Probes send binary or half requests; keep what was asked for.
            e.put(Ecs.URL_ORIGINAL, request);
            return;
        }
        e.put(Ecs.HTTP_REQUEST_METHOD, r.group(1).toUpperCase(java.util.Locale.ROOT));
        String url = r.group(2);
        e.put(Ecs.URL_ORIGINAL, url);
        int q = url.indexOf('?');
        if (url.startsWith("/")) {
            e.put(Ecs.URL_PATH, q < 0 ? url : url.substring(0, q));
            if (q >= 0 && q + 1 < url.length()) {
                e.put(Ecs.URL_QUERY, url.substring(q + 1));
            }
        }
        if (r.group(3) != null) {
            e.put(Ecs.HTTP_VERSION, r.group(3));
        }
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
