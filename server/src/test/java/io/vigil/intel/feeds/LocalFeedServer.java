package io.vigil.intel.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * A feed host on 127.0.0.1 for tests (the JDK's HTTP server): static feeds answering conditional
 * GETs with ETag and Last-Modified like a CDN, failures on demand, and a TAXII 2.1 collection
 * objects endpoint with {@code added_after}, paging ({@code limit}, {@code next}) and the
 * {@code X-TAXII-Date-Added-*} headers. Every request is recorded.
 */
public final class LocalFeedServer implements AutoCloseable {
    /** A request as received: path with query, and the headers that matter here. */
    public record Request(String pathAndQuery, String ifNoneMatch, String ifModifiedSince, String accept,
                          String authorization) {}

    private record Feed(byte[] body, String etag, String lastModified, boolean gzip) {}

    private final HttpServer server;
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> collections = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int pageSize = 100;

    public LocalFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves a body at a path; a new body gets a new ETag and Last-Modified. */
    public LocalFeedServer serve(String path, String body) {
        return serve(path, body, false);
    }

    public LocalFeedServer serve(String path, String body, boolean gzip) {
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
        String lastModified = "Sat, 22 Aug 2026 0" + (Math.abs(body.hashCode()) % 10) + ":00:00 GMT";
        feeds.put(path, new Feed(body.getBytes(StandardCharsets.UTF_8), etag, lastModified, gzip));
        failures.remove(path);
        return this;
    }

    /** Makes a path answer with an HTTP error status until it is served again. */
    public LocalFeedServer fail(String path, int status) {
        failures.put(path, status);
        return this;
    }

    /** Adds STIX objects to a TAXII collection; each gets {@code date_added}. */
    public LocalFeedServer addToCollection(String path, Instant dateAdded, List<ObjectNode> objects) {
        List<ObjectNode> c = collections.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>());
        for (ObjectNode o : objects) {
            c.add(o.deepCopy().put("date_added", dateAdded.toString()));
        }
        return this;
    }

    public LocalFeedServer pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            var h = x.getRequestHeaders();
            requests.add(new Request(x.getRequestURI().toString(), h.getFirst("If-None-Match"), h.getFirst("If-Modified-Since"),
                    h.getFirst("Accept"), h.getFirst("Authorization")));
            Integer failure = failures.get(path);
            if (failure != null) {
                send(x, failure, "text/html", "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
            } else if (collections.containsKey(path)) {
                taxii(x, collections.get(path));
            } else if (feeds.containsKey(path)) {
                feed(x, feeds.get(path));
            } else {
                send(x, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void feed(HttpExchange x, Feed f) throws IOException {
        var h = x.getRequestHeaders();
        x.getResponseHeaders().set("ETag", f.etag());
        x.getResponseHeaders().set("Last-Modified", f.lastModified());
        if (f.etag().equals(h.getFirst("If-None-Match"))
                || h.getFirst("If-None-Match") == null && f.lastModified().equals(h.getFirst("If-Modified-Since"))) {
            x.sendResponseHeaders(304, -1);
            return;
        }
        byte[] body = f.body();
        if (f.gzip() && String.valueOf(h.getFirst("Accept-Encoding")).contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            body = zipped.toByteArray();
            x.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        send(x, 200, "text/plain; charset=utf-8", body);
    }

    private void taxii(HttpExchange x, List<ObjectNode> all) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        Instant after = q.containsKey("added_after") ? Instant.parse(q.get("added_after")) : null;
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode o : all) {
            if (after == null || Instant.parse(o.get("date_added").asText()).isAfter(after)) {
                matching.add(o);
            }
        }
        int from = q.containsKey("next") ? Integer.parseInt(q.get("next")) : 0;
        int to = Math.min(matching.size(), from + pageSize);
        ObjectNode envelope = EventJson.MAPPER.createObjectNode();
        ArrayNode objects = envelope.putArray("objects");
        for (JsonNode o : matching.subList(Math.min(from, to), to)) {
            objects.add(o);
        }
        envelope.put("more", to < matching.size());
        if (to < matching.size()) {
            envelope.put("next", String.valueOf(to));
        }
        if (to > from) {
            x.getResponseHeaders().set("X-TAXII-Date-Added-First", matching.get(from).get("date_added").asText());
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", matching.get(to - 1).get("date_added").asText());
        }
        send(x, 200, "application/taxii+json;version=2.1", EventJson.MAPPER.writeValueAsBytes(envelope));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", contentType);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
