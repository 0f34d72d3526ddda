package io.vigil.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One notice on its way to one destination: what the outbox stores and what the security event
 * shows under {@code notifications}.
 *
 * @param type the channel type it goes out as ({@code email}, {@code webhook}, {@code slack})
 * @param target where it goes, safe to show ({@link Destination#describe()} or {@link Channel#describe()})
 * @param attempts attempts made so far
 * @param lastError why the last attempt failed, or null
 * @param nextAttempt when the next attempt is due; null once sent or failed
 */
public record Notification(String id, String eventId, Destination destination, String type, String target,
                           Notice notice, Status status, int attempts, String lastError, Instant created,
                           Instant updated, Instant nextAttempt) {

    /** Where a notification is: waiting (first try or retry), delivered, or given up. */
    public enum Status {
        PENDING, SENT, FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A new notification, due now. */
    public static Notification pending(String id, Destination destination, String type, String target, Notice notice,
                                       Instant now) {
        return new Notification(id, notice.eventId(), destination, type, target, notice, Status.PENDING, 0, null, now,
                now, now);
    }

    public boolean done() {
        return status != Status.PENDING;
    }

    public Notification sent(Instant now) {
        return new Notification(id, eventId, destination, type, target, notice, Status.SENT, attempts + 1, null,
                created, now, null);
    }

    public Notification failed(String error, Instant now) {
        return new Notification(id, eventId, destination, type, target, notice, Status.FAILED, attempts + 1, error,
                created, now, null);
    }

    public Notification retryAt(String error, Instant now, Instant next) {
        return new Notification(id, eventId, destination, type, target, notice, Status.PENDING, attempts + 1, error,
                created, now, next);
    }

    /** The shape under a security event's {@code notifications} (and in the API). */
    public Map<String, Object> statusJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("channel", destination.isChannel() ? destination.target() : null);
        m.put("type", type);
        m.put("target", target);
        m.put("status", status.id());
        m.put("attempts", attempts);
        m.put("last_error", lastError);
        m.put("created", created.toString());
        m.put("updated", updated.toString());
        m.put("next_attempt", nextAttempt == null ? null : nextAttempt.toString());
        return m;
    }

    /** The outbox file shape: the status plus what is needed to send again after a restart. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = statusJson();
        m.put("event_id", eventId);
        m.put("destination", Map.of("kind", destination.kind(), "target", destination.target()));
        m.put("notice", notice.toMap());
        return m;
    }

    /** Reads {@link #toMap()} back. */
    @SuppressWarnings("unchecked")
    public static Notification fromMap(Map<String, Object> m) {
        Map<String, Object> d = (Map<String, Object>) m.get("destination");
        return new Notification((String) m.get("id"), (String) m.get("event_id"),
                new Destination((String) d.get("kind"), (String) d.get("target")), (String) m.get("type"),
                (String) m.get("target"), Notice.fromMap((Map<String, Object>) m.get("notice")),
                Status.valueOf(((String) m.get("status")).toUpperCase(Locale.ROOT)), ((Number) m.get("attempts")).intValue(),
                (String) m.get("last_error"), Instant.parse((String) m.get("created")), Instant.parse((String) m.get("updated")),
                m.get("next_attempt") == null ? null : Instant.parse((String) m.get("next_attempt")));
    }
}
