package io.vigil.notify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach an SMTP server. Comes from the server configuration ({@code smtp:} or
 * {@code VIGIL_SMTP_*}) or from an email channel's own {@code smtp} settings.
 *
 * @param port 0 means the usual port of the TLS mode (25, 587, 465)
 * @param user null for no authentication
 * @param password never logged; {@link #toString()} masks it
 * @param from sender address; null means "take it from the server configuration"
 * @param sslTrust hosts whose certificate is trusted without a CA chain ({@code *}: any, for a
 *     relay with a self-signed certificate); null trusts the JVM's CAs and checks the host name
 */
public record Smtp(String host, int port, Tls tls, String user, String password, String from, String sslTrust) {

    /** How the connection is protected. */
    public enum Tls {
        /** Plain SMTP: only for a relay on the same host or network. */
        NONE,
        /** Plain connection upgraded with STARTTLS; refused if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@code none}, {@code starttls} or {@code tls}; anything else is an error naming the choices. */
        public static Tls parse(String s) {
            for (Tls t : values()) {
                if (t.id().equalsIgnoreCase(s.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("must be none, starttls or tls, got '" + s + "'");
        }
    }

    public Smtp {
        tls = tls == null ? Tls.STARTTLS : tls;
    }

    /** The port to connect to. */
    public int effectivePort() {
        if (port > 0) {
            return port;
        }
        return tls == Tls.TLS ? 465 : tls == Tls.STARTTLS ? 587 : 25;
    }

    /** These settings with the sender address filled in from {@code fallback} when missing. */
    public Smtp withFromFallback(String fallback) {
        return from != null ? this : new Smtp(host, port, tls, user, password, fallback, sslTrust);
    }

    /** The stored (secrets in clear) or the API (password replaced by {@code password_set}) shape. */
    public Map<String, Object> toMap(boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        if (port > 0) {
            m.put("port", port);
        }
        m.put("tls", tls.id());
        if (user != null) {
            m.put("user", user);
        }
        if (withSecrets) {
            if (password != null) {
                m.put("password", password);
            }
        } else {
            m.put("password_set", password != null);
        }
        if (from != null) {
            m.put("from", from);
        }
        if (sslTrust != null) {
            m.put("ssl_trust", sslTrust);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Smtp[host=" + host + ", port=" + effectivePort() + ", tls=" + tls.id() + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + ", from=" + from + "]";
    }
}
