package io.vigil.notify;

import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link Notice}: an email subject and plain-text body, the generic webhook JSON, and
 * Slack's {@code text} + {@code blocks}. Every form names the rule, severity, group values, count,
 * first and last sighting, sample log lines and the link to the event.
 *
 * <p>Group values and log lines come from the logs, so from whoever wrote them: control characters
 * are replaced (no header injection in the subject, no terminal escapes in the body), and Slack's
 * markup characters are escaped. Lines are cut to {@link #MAX_LINE} characters.
 */
public final class MessageFormat {
    static final int MAX_LINE = 500;
    /** Slack refuses a header longer than this. */
    private static final int SLACK_HEADER = 150;
    /** Slack refuses a section text longer than this. */
    private static final int SLACK_SECTION = 3000;

    private MessageFormat() {}

    /** One line: {@code [Vigil] MEDIUM Burst of 401/403 responses to one client (source.ip=203.0.113.66)}. */
    public static String subject(Notice n) {
        if (n.test()) {
            return "[Vigil] Test notification";
        }
        return clean("[Vigil] " + n.severity().toUpperCase(Locale.ROOT) + " " + n.ruleTitle() + " (" + groupText(n) + ")");
    }

    /** The plain-text body of an email; also the {@code text} of webhook and Slack payloads. */
    public static String text(Notice n) {
        StringBuilder sb = new StringBuilder();
        if (n.test()) {
            sb.append("This is a test notification from Vigil: the channel works.\n\n");
        }
        sb.append(clean(n.ruleTitle())).append("\n\n");
        sb.append("Rule:       ").append(clean(n.ruleId())).append('\n');
        sb.append("Severity:   ").append(n.severity()).append('\n');
        sb.append("Group:      ").append(clean(groupText(n))).append('\n');
        sb.append("Count:      ").append(n.count()).append(n.count() == 1 ? " event" : " events").append('\n');
        sb.append("First seen: ").append(n.firstSeen()).append('\n');
        sb.append("Last seen:  ").append(n.lastSeen()).append('\n');
        if (!n.samples().isEmpty()) {
            sb.append("\nSample log lines:\n");
            n.samples().forEach(line -> sb.append("  ").append(clean(line)).append('\n'));
        }
        sb.append("\nOpen in Vigil: ").append(n.link()).append('\n');
        return sb.toString();
    }

    /**
     * The generic webhook body: {@code {"notification_id", "text", "event": {...}}}. The id is the
     * same on every retry of one notification, so a receiver can drop duplicates.
     */
    public static byte[] webhook(Notice n, String notificationId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notification_id", notificationId);
        m.put("text", subject(n));
        m.put("event", n.toMap());
        return json(m);
    }

    /** Slack incoming-webhook JSON: a fallback {@code text} and {@code blocks} with the details. */
    public static byte[] slack(Notice n) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(cut(clean((n.test() ? "Test: " : "") + n.ruleTitle()), SLACK_HEADER))));
        List<Object> fields = new ArrayList<>();
        fields.add(mrkdwn("*Severity*\n" + n.severity()));
        fields.add(mrkdwn("*Rule*\n" + slackEscape(n.ruleId())));
        fields.add(mrkdwn("*Group*\n" + slackEscape(cut(groupText(n), 1900))));
        fields.add(mrkdwn("*Count*\n" + n.count()));
        fields.add(mrkdwn("*First seen*\n" + n.firstSeen()));
        fields.add(mrkdwn("*Last seen*\n" + n.lastSeen()));
        blocks.add(Map.of("type", "section", "fields", fields));
        if (!n.samples().isEmpty()) {
            String lines = n.samples().stream().map(l -> slackEscape(clean(l)).replace("```", "'''")).collect(Collectors.joining("\n"));
            blocks.add(Map.of("type", "section", "text", mrkdwn("*Sample log lines*\n```" + cut(lines, SLACK_SECTION - 40) + "```")));
        }
        blocks.add(Map.of("type", "section", "text", mrkdwn("<" + n.link() + "|Open in Vigil>")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", slackEscape(subject(n)));
        m.put("blocks", blocks);
        return json(m);
    }

    private static String groupText(Notice n) {
        if (n.group().isEmpty()) {
            return "all events";
        }
        return n.group().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Control characters out, long lines cut. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LINE + 1));
        for (int i = 0; i < s.length() && sb.length() < MAX_LINE; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return s.length() > MAX_LINE ? sb.append('…').toString() : sb.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Slack reads {@code & < >} as markup; the documented escapes. */
    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text);
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static byte[] json(Object o) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
