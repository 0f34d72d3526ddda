package io.vigil.intel.feeds;

import io.vigil.intel.FeedDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a feed over HTTP(S) with a conditional GET: the ETag and Last-Modified of the last good
 * fetch go out as {@code If-None-Match} / {@code If-Modified-Since}, and a {@code 304} means the
 * data in hand is current. Bodies may be gzip-encoded and are capped at {@link #MAX_BYTES}.
 * Thread-safe.
 */
public final class FeedFetcher {
    /** The largest feed accepted; a bigger answer is an error, so a wrong URL cannot fill memory. */
    public static final int MAX_BYTES = 128 * 1024 * 1024;
    static final String USER_AGENT = "Vigil-SIEM (threat feed refresh)";

    /** What a fetch found. */
    public sealed interface Fetched {
        /** The server says the data has not changed since the given validators. */
        record NotModified() implements Fetched {}

        /** New data, with the validators to send next time (either may be null). */
        record Body(String text, String etag, String lastModified) implements Fetched {}
    }

    private final HttpClient client;
    private final Duration timeout;

    public FeedFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @throws IOException naming the URL when the server cannot be reached or answers anything but
     *     200 or 304
     */
    public Fetched fetch(FeedDefinition feed, String etag, String lastModified) throws IOException {
        HttpRequest.Builder request = request(feed, URI.create(feed.url()), "text/plain, */*")
                .header("Accept-Encoding", "gzip");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> r = send(request.build());
        if (r.statusCode() == 304) {
            r.body().close();
            return new Fetched.NotModified();
        }
        String text = body(r, feed.url());
        return new Fetched.Body(text, r.headers().firstValue("ETag").orElse(null),
                r.headers().firstValue("Last-Modified").orElse(null));
    }

    /** A GET with the feed's credentials, if any, and Vigil's user agent. */
    HttpRequest.Builder request(FeedDefinition feed, URI uri, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", USER_AGENT).header("Accept", accept);
        Object user = feed.options().get("username");
        if (user != null) {
            String password = String.valueOf(feed.options().getOrDefault("password", ""));
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.uri(), e);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + request.uri() + ": " + describe(e), e);
        }
    }

    /** The body of a 200 answer as text; any other status is an error naming the URL. */
    static String body(HttpResponse<InputStream> r, String url) throws IOException {
        try (InputStream raw = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " from " + url);
            }
            boolean gzip = r.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false);
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                return new String(readCapped(in, url), StandardCharsets.UTF_8);
            }
        }
    }

    private static byte[] readCapped(InputStream in, String url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BYTES) {
                throw new IOException(url + " sent more than " + MAX_BYTES / (1024 * 1024) + " MiB; not a feed Vigil can hold");
            }
        }
        return out.toByteArray();
    }

    /**
     * The exception as a person reads it: the class and message, plus the root cause when it adds
     * something ({@code ConnectException (UnresolvedAddressException)} says the host did not resolve).
     */
    static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (blank(e.getMessage()) ? "" : ": " + e.getMessage());
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + (blank(root.getMessage()) ? "" : ": " + root.getMessage()) + ")";
        }
        return text;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
