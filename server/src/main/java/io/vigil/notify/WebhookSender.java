package io.vigil.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs notices as JSON with the JDK HTTP client: the generic webhook body, optionally signed, or
 * Slack's incoming-webhook body. Thread-safe. A 2xx answer is delivered; 408, 425, 429, 5xx and
 * network errors are worth a retry; other answers (a wrong URL, a revoked Slack hook) are not.
 * Redirects are not followed: a signed POST is meant for the configured URL only. Error messages
 * name the URL's host, never its path or query (where Slack keeps the credential).
 */
public final class WebhookSender {
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the generic body with the channel's headers and, with a secret, its signature. */
    public Delivery send(WebhookChannel channel, Notice notice, String notificationId) throws InterruptedException {
        byte[] body = MessageFormat.webhook(notice, notificationId);
        HttpRequest.Builder r;
        try {
            r = request(channel.url(), body, notificationId);
        } catch (IllegalArgumentException e) {
            return notAUrl(channel.url());
        }
        channel.headers().forEach(r::header);
        if (channel.secret() != null) {
            r.header(SIGNATURE_HEADER, signature(channel.secret(), body));
        }
        return post(r.build(), "webhook " + channel.describe(), channel.url());
    }

    /** Posts Slack's {@code text} + {@code blocks}. */
    public Delivery send(SlackChannel channel, Notice notice, String notificationId) throws InterruptedException {
        HttpRequest r;
        try {
            r = request(channel.url(), MessageFormat.slack(notice), notificationId).build();
        } catch (IllegalArgumentException e) {
            return notAUrl(channel.url());
        }
        return post(r, "Slack webhook " + channel.describe(), channel.url());
    }

    /** Rule actions are not checked as URLs when the rule is saved, so a typo shows up here. */
    private static Delivery notAUrl(String url) {
        return new Delivery.Failed("not a usable http(s) URL: " + WebhookChannel.hostOf(url), true);
    }

    /** {@code sha256=<lower-case hex HMAC-SHA256 of body keyed with secret>}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private HttpRequest.Builder request(String url, byte[] body, String notificationId) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Vigil")
                .header("X-Vigil-Delivery", notificationId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private Delivery post(HttpRequest request, String where, String url) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Delivery.Sent(where + " answered " + status);
            }
            boolean retry = status == 408 || status == 425 || status == 429 || status >= 500;
            return new Delivery.Failed(where + " answered " + status + body(response.body()), !retry);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : ": " + e.getMessage().replace(url, WebhookChannel.hostOf(url));
            return new Delivery.Failed(where + ": " + e.getClass().getSimpleName() + m, false);
        }
    }

    private static String body(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip().replaceAll("\\s+", " ");
        return ": " + (b.length() > MAX_ERROR_BODY ? b.substring(0, MAX_ERROR_BODY) + "…" : b);
    }
}
