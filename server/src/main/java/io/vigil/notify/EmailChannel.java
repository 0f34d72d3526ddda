package io.vigil.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Email to fixed recipients.
 *
 * @param to one or more addresses
 * @param smtp the SMTP server to use; null means the server configuration's ({@code VIGIL_SMTP_*})
 */
public record EmailChannel(String name, List<String> to, Smtp smtp) implements Channel {
    public static final String TYPE = "email";

    public EmailChannel {
        to = List.copyOf(to);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return String.join(", ", to);
    }

    /** The same channel sending through {@code server} (used when it has no SMTP settings of its own). */
    public EmailChannel withSmtp(Smtp server) {
        return new EmailChannel(name, to, server);
    }

    @Override
    public Map<String, Object> toMap(boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", TYPE);
        m.put("to", to);
        if (smtp != null) {
            m.put("smtp", smtp.toMap(withSecrets));
        }
        return m;
    }
}
