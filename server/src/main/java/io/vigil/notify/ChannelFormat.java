package io.vigil.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads channel definitions (the JSON of {@code /api/v1/channels} and of
 * {@code DATA/state/channels.json}). Unknown keys are rejected and every problem is reported at
 * once in a {@link ChannelException}.
 *
 * <p>Secrets survive an edit that leaves them out: given the stored channel as {@code previous}, an
 * absent {@code password}, {@code secret} or Slack {@code url}, and a header value of
 * {@value WebhookChannel#MASK}, keep the stored value, so what {@code GET} answered can be sent
 * back with {@code PUT}. An explicit {@code null} removes a password or secret.
 */
public final class ChannelFormat {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Headers the JDK client sets itself or Vigil owns. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "content-type", "x-vigil-signature", "x-vigil-delivery");
    private static final Set<String> EMAIL_KEYS = Set.of("name", "type", "to", "smtp");
    private static final Set<String> SMTP_KEYS = Set.of("host", "port", "tls", "user", "password", "password_set",
            "from", "ssl_trust");
    private static final Set<String> WEBHOOK_KEYS = Set.of("name", "type", "url", "headers", "secret", "secret_set");
    private static final Set<String> SLACK_KEYS = Set.of("name", "type", "url", "url_set", "host");

    private ChannelFormat() {}

    /**
     * A channel from its map form.
     *
     * @param previous the stored channel this replaces (its secrets are kept when left out), or null
     * @throws ChannelException listing every problem
     */
    public static Channel fromMap(Map<?, ?> map, Channel previous) {
        List<String> problems = new ArrayList<>();
        String name = string(map, "name", problems);
        if (name == null) {
            problems.add("name: required, e.g. \"default\"");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("name: use lower-case letters, digits, '.', '_' and '-' (at most 63), got '" + name + "'");
        }
        String type = string(map, "type", problems);
        Channel channel = null;
        if (EmailChannel.TYPE.equals(type)) {
            channel = email(map, name, previous instanceof EmailChannel e ? e : null, problems);
        } else if (WebhookChannel.TYPE.equals(type)) {
            channel = webhook(map, name, previous instanceof WebhookChannel w ? w : null, problems);
        } else if (SlackChannel.TYPE.equals(type)) {
            channel = slack(map, name, previous instanceof SlackChannel s ? s : null, problems);
        } else {
            problems.add("type: must be email, webhook or slack" + (type == null ? "" : ", got '" + type + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ChannelException(problems);
        }
        return channel;
    }

    private static EmailChannel email(Map<?, ?> map, String name, EmailChannel previous, List<String> problems) {
        unknownKeys(map, EMAIL_KEYS, "", problems);
        List<String> to = new ArrayList<>();
        if (map.get("to") instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                String address = String.valueOf(o);
                if (checkAddress(address, "to", problems)) {
                    to.add(address);
                }
            }
        } else {
            problems.add("to: required, a list of one or more email addresses");
        }
        Smtp smtp = null;
        if (map.get("smtp") instanceof Map<?, ?> s) {
            smtp = smtp(s, "smtp.", previous == null ? null : previous.smtp(), problems);
        } else if (map.get("smtp") != null) {
            problems.add("smtp: must be an object with host, port, tls, user, password, from");
        }
        return new EmailChannel(name, to, smtp);
    }

    /**
     * SMTP settings from a map (a channel's {@code smtp} or the server configuration's).
     *
     * @param prefix what problems are prefixed with, e.g. {@code "smtp."}
     * @param previous settings whose password is kept when {@code password} is left out, or null
     */
    public static Smtp smtp(Map<?, ?> s, String prefix, Smtp previous, List<String> problems) {
        unknownKeys(s, SMTP_KEYS, prefix, problems);
        String host = string(s, "host", prefix, problems);
        if (host == null || host.isBlank()) {
            problems.add(prefix + "host: required");
        }
        int port = 0;
        if (s.get("port") != null) {
            try {
                port = Integer.parseInt(s.get("port").toString());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                problems.add(prefix + "port: must be 1-65535, got '" + s.get("port") + "'");
            }
        }
        Smtp.Tls tls = Smtp.Tls.STARTTLS;
        if (s.get("tls") != null) {
            try {
                tls = Smtp.Tls.parse(s.get("tls").toString());
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "tls: " + e.getMessage());
            }
        }
        String password = s.containsKey("password") ? string(s, "password", prefix, problems)
                : previous == null ? null : previous.password();
        String from = string(s, "from", prefix, problems);
        if (from != null) {
            checkAddress(from, prefix + "from", problems);
        }
        return new Smtp(host, Math.max(port, 0), tls, blankToNull(string(s, "user", prefix, problems)), password, from,
                blankToNull(string(s, "ssl_trust", prefix, problems)));
    }

    private static WebhookChannel webhook(Map<?, ?> map, String name, WebhookChannel previous, List<String> problems) {
        unknownKeys(map, WEBHOOK_KEYS, "", problems);
        String url = string(map, "url", problems);
        checkUrl(url, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        if (map.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> header(String.valueOf(k), v, previous, headers, problems));
        } else if (map.get("headers") != null) {
            problems.add("headers: must be an object of header names to values");
        }
        String secret = map.containsKey("secret") ? blankToNull(string(map, "secret", problems))
                : previous == null ? null : previous.secret();
        return new WebhookChannel(name, url, headers, secret);
    }

    private static void header(String key, Object value, WebhookChannel previous, Map<String, String> out,
                               List<String> problems) {
        if (!HEADER_NAME.matcher(key).matches() || RESERVED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
            problems.add("headers." + key + ": not a header name Vigil may set (reserved: " + RESERVED_HEADERS + ")");
            return;
        }
        String v = value == null ? "" : value.toString();
        if (WebhookChannel.MASK.equals(v)) {
            String stored = previous == null ? null : previous.headers().get(key);
            if (stored == null) {
                problems.add("headers." + key + ": '" + WebhookChannel.MASK + "' keeps a stored value, but there is none");
                return;
            }
            v = stored;
        }
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            problems.add("headers." + key + ": a value cannot contain line breaks");
            return;
        }
        out.put(key, v);
    }

    private static SlackChannel slack(Map<?, ?> map, String name, SlackChannel previous, List<String> problems) {
        unknownKeys(map, SLACK_KEYS, "", problems);
        String url = map.containsKey("url") || previous == null ? string(map, "url", problems) : previous.url();
        checkUrl(url, problems);
        return new SlackChannel(name, url);
    }

    private static void checkUrl(String url, List<String> problems) {
        if (url == null) {
            problems.add("url: required, an http:// or https:// URL");
            return;
        }
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                problems.add("url: must be an absolute http:// or https:// URL");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add("url: not a valid URL (" + e.getReason() + ")");
        }
    }

    /** True when {@code address} is one plain email address. */
    static boolean checkAddress(String address, String field, List<String> problems) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            problems.add(field + ": not an email address: '" + address + "'");
            return false;
        }
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix, List<String> problems) {
        for (Object k : map.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                problems.add(prefix + k + ": unknown setting; known: " + known.stream().sorted().toList());
            }
        }
    }

    private static String string(Map<?, ?> map, String key, List<String> problems) {
        return string(map, key, "", problems);
    }

    private static String string(Map<?, ?> map, String key, String prefix, List<String> problems) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problems.add(prefix + key + ": must be a single value");
            return null;
        }
        return v.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
