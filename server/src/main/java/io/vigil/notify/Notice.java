package io.vigil.notify;

import io.vigil.detect.SecurityEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notification says: a snapshot of a security event when it was announced (later merges
 * do not change a notification already queued). {@link MessageFormat} renders it per channel type.
 *
 * @param samples a few contributing raw log lines, at most {@link #MAX_SAMPLES}
 * @param link the event in the web UI, {@code <public_url>/#/events/<id>}
 * @param test true for the message {@code POST /api/v1/channels/{name}/test} sends
 */
public record Notice(String eventId, String ruleId, String ruleTitle, String severity, Map<String, Object> group,
                     long count, Instant firstSeen, Instant lastSeen, List<String> samples, String link, boolean test) {
    public static final int MAX_SAMPLES = 5;

    public Notice {
        group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(group));
        samples = List.copyOf(samples.subList(0, Math.min(MAX_SAMPLES, samples.size())));
    }

    /** The notice for a new security event. */
    public static Notice of(SecurityEvent e, String publicUrl) {
        return new Notice(e.id(), e.ruleId(), e.ruleTitle() == null ? e.ruleId() : e.ruleTitle(), e.severity().id(),
                e.group(), e.count(), e.firstSeen(), e.lastSeen(), e.samples(), link(publicUrl, e.id()), false);
    }

    /** The message a channel test sends: shaped like a real one, clearly marked as a test. */
    public static Notice test(String publicUrl, Instant now) {
        return new Notice("test", "vigil-test", "Vigil test notification", "info", Map.of("source.ip", "192.0.2.1"), 1,
                now, now, List.of("192.0.2.1 - - [test] \"GET /vigil-test HTTP/1.1\" 200 0 \"-\" \"vigil\""),
                publicUrl.replaceAll("/+$", "") + "/", true);
    }

    static String link(String publicUrl, String eventId) {
        return publicUrl.replaceAll("/+$", "") + "/#/events/" + eventId;
    }

    /** The stored and webhook shape. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", eventId);
        m.put("rule", Map.of("id", ruleId, "title", ruleTitle));
        m.put("severity", severity);
        m.put("group", group);
        m.put("count", count);
        m.put("first_seen", firstSeen.toString());
        m.put("last_seen", lastSeen.toString());
        m.put("samples", samples);
        m.put("url", link);
        m.put("test", test);
        return m;
    }

    /** Reads {@link #toMap()} back. */
    @SuppressWarnings("unchecked")
    public static Notice fromMap(Map<String, Object> m) {
        Map<String, Object> rule = (Map<String, Object>) m.get("rule");
        return new Notice((String) m.get("id"), (String) rule.get("id"), (String) rule.get("title"),
                (String) m.get("severity"), (Map<String, Object>) m.get("group"), ((Number) m.get("count")).longValue(),
                Instant.parse((String) m.get("first_seen")), Instant.parse((String) m.get("last_seen")),
                (List<String>) m.get("samples"), (String) m.get("url"), Boolean.TRUE.equals(m.get("test")));
    }
}
