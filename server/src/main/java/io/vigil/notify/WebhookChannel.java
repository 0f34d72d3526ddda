package io.vigil.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON {@code POST} to any URL. With a secret, each request carries
 * {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the body>} so the receiver can check it
 * came from this server.
 *
 * @param headers extra request headers (e.g. an {@code Authorization} the receiver wants)
 * @param secret HMAC key, or null for unsigned requests
 */
public record WebhookChannel(String name, String url, Map<String, String> headers, String secret) implements Channel {
    public static final String TYPE = "webhook";
    /** What the API answers in place of a header value: values may be credentials. */
    public static final String MASK = "***";

    public WebhookChannel {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return hostOf(url);
    }

    @Override
    public Map<String, Object> toMap(boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", TYPE);
        m.put("url", url);
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, withSecrets ? v : MASK));
        m.put("headers", h);
        if (withSecrets) {
            if (secret != null) {
                m.put("secret", secret);
            }
        } else {
            m.put("secret_set", secret != null);
        }
        return m;
    }

    /** The scheme and host of a URL: enough to recognise it, never a token in its path or query. */
    static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "(not a URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
