package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP request line as servers and proxies log it ({@code GET /x?y=1 HTTP/1.1}), split into ECS
 * fields. Anything that is not a request line (binary probes, {@code <BADREQ>}, half a request) is
 * kept whole in {@code url.original} so that it stays searchable.
 */
final class HttpRequestLine {
    private HttpRequestLine() {}

    // Whitespace rather than one space: proxies log requests whose target was split by a newline.
    private static final Pattern REQUEST = Pattern.compile(
            "^([A-Za-z_-]{1,32})\\s+(\\S+)(?:\\s+HTTP/(\\d+(?:\\.\\d+)?))?\\s*$");

    /** Puts method, url.original, url.path, url.query and http.version; nothing for "" or "-". */
    static void putInto(String request, Event e) {
        String trimmed = request.strip();
        if (trimmed.isEmpty() || trimmed.equals("-")) {
            return;
        }
        Matcher r = REQUEST.matcher(trimmed);
        if (!r.matches()) {
            e.put(Ecs.URL_ORIGINAL, trimmed);
            return;
        }
        e.put(Ecs.HTTP_REQUEST_METHOD, r.group(1).toUpperCase(Locale.ROOT));
        String url = r.group(2);
        e.put(Ecs.URL_ORIGINAL, url);
        if (url.startsWith("/")) {
            int q = url.indexOf('?');
            e.put(Ecs.URL_PATH, q < 0 ? url : url.substring(0, q));
            if (q >= 0 && q + 1 < url.length()) {
                e.put(Ecs.URL_QUERY, url.substring(q + 1));
            }
        }
        if (r.group(3) != null) {
            e.put(Ecs.HTTP_VERSION, r.group(3));
        }
    }
}
