package io.vigil.notify;

import io.vigil.query.DateMath;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notification settings of the server. In the YAML file: {@code public_url}, {@code smtp: {host,
 * port, tls, user, password, from, ssl_trust}} and {@code notify: {timeout, retry_initial,
 * retry_max, max_attempts, max_age}}; in the environment: {@code VIGIL_PUBLIC_URL},
 * {@code VIGIL_SMTP_HOST}, {@code VIGIL_SMTP_PORT}, {@code VIGIL_SMTP_TLS} (none | starttls |
 * tls), {@code VIGIL_SMTP_USER}, {@code VIGIL_SMTP_PASSWORD}, {@code VIGIL_SMTP_FROM},
 * {@code VIGIL_SMTP_SSL_TRUST}.
 *
 * @param publicUrl how people reach the web UI; links in messages start with it
 * @param smtp the server-wide SMTP settings (for email channels without their own and for
 *     addresses named in rules), or null
 * @param timeout connect and read timeout of one SMTP or HTTP attempt
 */
public record NotifyConfig(String publicUrl, Smtp smtp, Retry retry, Duration timeout) {
    public static final Set<String> YAML_KEYS = Set.of("public_url", "smtp", "notify");
    private static final Set<String> NOTIFY_KEYS = Set.of("timeout", "retry_initial", "retry_max", "max_attempts", "max_age");

    /**
     * When to try again: after attempt {@code n} fails, wait {@code initial × 2^(n-1)}, at most
     * {@code max}; give up (status {@code failed}) after {@code maxAttempts} attempts or once the
     * notification is older than {@code maxAge}.
     */
    public record Retry(Duration initial, Duration max, int maxAttempts, Duration maxAge) {
        public Retry {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1
                    || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("retry needs initial > 0, max >= initial, max_attempts >= 1 and max_age > 0;"
                        + " got " + initial + ", " + max + ", " + maxAttempts + ", " + maxAge);
            }
        }

        /** The wait after the {@code attempts}-th failed attempt. */
        public Duration delay(int attempts) {
            int doublings = Math.min(Math.max(attempts - 1, 0), 30);
            Duration d = initial.multipliedBy(1L << doublings);
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    public NotifyConfig {
        URI u = URI.create(publicUrl);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("public_url must be an absolute http:// or https:// URL, got " + publicUrl);
        }
        publicUrl = publicUrl.replaceAll("/+$", "");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("notify.timeout must be positive, got " + timeout);
        }
    }

    /** Links to http://127.0.0.1:8080, no SMTP server, retries 1 s doubling to 5 min for 50 attempts or 24 h, 10 s timeout. */
    public static NotifyConfig defaults() {
        return new NotifyConfig("http://127.0.0.1:8080",
                null, new Retry(Duration.ofSeconds(1), Duration.ofMinutes(5), 50, Duration.ofHours(24)), Duration.ofSeconds(10));
    }

    public NotifyConfig withPublicUrl(String url) {
        return new NotifyConfig(url, smtp, retry, timeout);
    }

    public NotifyConfig withSmtp(Smtp settings) {
        return new NotifyConfig(publicUrl, settings, retry, timeout);
    }

    public NotifyConfig withRetry(Retry r, Duration attemptTimeout) {
        return new NotifyConfig(publicUrl, smtp, r, attemptTimeout);
    }

    /** Applies {@link #YAML_KEYS} of a YAML file's top-level mapping; problems name the file and key. */
    public NotifyConfig withYaml(Path file, Map<?, ?> root) {
        NotifyConfig c = this;
        if (root.containsKey("public_url")) {
            c = c.withPublicUrl(String.valueOf(root.get("public_url")));
        }
        if (root.get("smtp") instanceof Map<?, ?> s) {
            List<String> problems = new ArrayList<>();
            Smtp parsed = ChannelFormat.smtp(s, "smtp.", null, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
            }
            c = c.withSmtp(parsed);
        } else if (root.get("smtp") != null) {
            throw new IllegalArgumentException(file + ": smtp must be a mapping with host, port, tls, user, password, from");
        }
        if (root.get("notify") instanceof Map<?, ?> n) {
            c = c.withNotifyYaml(file, n);
        }
        return c;
    }

    private NotifyConfig withNotifyYaml(Path file, Map<?, ?> n) {
        List<String> unknown = n.keySet().stream().map(String::valueOf).filter(k -> !NOTIFY_KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown setting(s) " + unknown.stream().map(k -> "notify." + k).toList()
                    + "; known: " + NOTIFY_KEYS.stream().sorted().map(k -> "notify." + k).toList());
        }
        Retry r = new Retry(duration(n, "retry_initial", retry.initial()), duration(n, "retry_max", retry.max()),
                n.containsKey("max_attempts") ? Integer.parseInt(n.get("max_attempts").toString()) : retry.maxAttempts(),
                duration(n, "max_age", retry.maxAge()));
        return withRetry(r, duration(n, "timeout", timeout));
    }

    private static Duration duration(Map<?, ?> m, String key, Duration fallback) {
        return m.containsKey(key) ? DateMath.duration(m.get(key).toString()) : fallback;
    }

    /** Applies the {@code VIGIL_PUBLIC_URL} and {@code VIGIL_SMTP_*} variables over what is set already. */
    public NotifyConfig withEnvironment(Map<String, String> env) {
        NotifyConfig c = env.containsKey("VIGIL_PUBLIC_URL") ? withPublicUrl(env.get("VIGIL_PUBLIC_URL")) : this;
        Map<String, Object> s = new LinkedHashMap<>(smtp == null ? Map.of() : smtp.toMap(true));
        s.remove("password_set");
        boolean any = false;
        for (String key : List.of("host", "port", "tls", "user", "password", "from", "ssl_trust")) {
            String v = env.get("VIGIL_SMTP_" + key.toUpperCase(java.util.Locale.ROOT));
            if (v != null) {
                s.put(key, v);
                any = true;
            }
        }
        if (!any) {
            return c;
        }
        List<String> problems = new ArrayList<>();
        Smtp parsed = ChannelFormat.smtp(s, "VIGIL_SMTP_", null, problems);
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems);
            throw new IllegalArgumentException("environment: " + java.util.regex.Pattern.compile("VIGIL_SMTP_([a-z_]+)")
                    .matcher(message).replaceAll(m -> "VIGIL_SMTP_" + m.group(1).toUpperCase(java.util.Locale.ROOT)));
        }
        return c.withSmtp(parsed);
    }
}
