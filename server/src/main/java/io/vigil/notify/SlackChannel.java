package io.vigil.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Slack incoming webhook: Slack's JSON ({@code text} plus {@code blocks}). The URL itself is the
 * credential (anyone holding it can post), so the API never shows it: {@code "url_set": true}.
 */
public record SlackChannel(String name, String url) implements Channel {
    public static final String TYPE = "slack";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return WebhookChannel.hostOf(url);
    }

    @Override
    public Map<String, Object> toMap(boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", TYPE);
        if (withSecrets) {
            m.put("url", url);
        } else {
            m.put("url_set", true);
            m.put("host", describe());
        }
        return m;
    }
}
