package io.vigil.detect;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.parse.Timestamps;
import io.vigil.rules.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A security event: one episode of a rule firing for one group, with its triage state. Stored in
 * its own index as an {@link Event} (searchable with Lucene syntax like logs, e.g.
 * {@code severity:high AND status:open AND group.source.ip:"203.0.113.0/24"}).
 *
 * @param group group-by values; stored as {@code group.<field>}
 * @param count contributing events in the episode
 * @param eventIds ids of contributing events (newest kept, at most {@link #MAX_IDS})
 * @param samples a few contributing raw log lines
 * @param status {@code open}, {@code acknowledged} or {@code closed}
 * @param notifications delivery status per notification, newest last
 */
public record SecurityEvent(String id, String ruleId, String ruleTitle, Severity severity, List<String> tags,
                            Map<String, Object> group, long count, Instant firstSeen, Instant lastSeen,
                            List<String> eventIds, List<String> samples, String status, String assignee,
                            List<Comment> comments, List<Map<String, Object>> notifications, boolean retro) {
    public static final int MAX_IDS = 100;
    public static final List<String> STATUSES = List.of("open", "acknowledged", "closed");

    public SecurityEvent {
        tags = List.copyOf(tags);
        group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(group));
        eventIds = List.copyOf(eventIds);
        samples = List.copyOf(samples);
        comments = List.copyOf(comments);
        notifications = List.copyOf(notifications);
    }

    /** A triage comment. */
    public record Comment(String author, Instant time, String text) {}

    /** The key that throttling merges on: rule and group values. */
    public static String groupKey(String ruleId, Map<String, Object> group) {
        return ruleId + "|" + group;
    }

    public String groupKey() {
        return groupKey(ruleId, group);
    }

    public SecurityEvent withTriage(String newStatus, String newAssignee, List<Comment> newComments) {
        return new SecurityEvent(id, ruleId, ruleTitle, severity, tags, group, count, firstSeen, lastSeen, eventIds,
                samples, newStatus, newAssignee, newComments, notifications, retro);
    }

    public SecurityEvent withNotifications(List<Map<String, Object>> list) {
        return new SecurityEvent(id, ruleId, ruleTitle, severity, tags, group, count, firstSeen, lastSeen, eventIds,
                samples, status, assignee, comments, list, retro);
    }

    /** This episode extended by another firing of the same rule and group. */
    public SecurityEvent merge(Signal s) {
        List<String> ids = new ArrayList<>(eventIds);
        java.util.Set<String> known = new java.util.HashSet<>(eventIds);
        long added = 0;
        for (String id : s.eventIds()) {
            if (known.add(id)) {
                ids.add(id);
                added++;
            }
        }
        if (ids.size() > MAX_IDS) {
            ids = new ArrayList<>(ids.subList(ids.size() - MAX_IDS, ids.size()));
        }
        List<String> mergedSamples = new ArrayList<>(samples);
        for (String line : s.samples()) {
            if (mergedSamples.size() < Signal.MAX_SAMPLES && !mergedSamples.contains(line)) {
                mergedSamples.add(line);
            }
        }
        Severity highest = s.severity().compareTo(severity) > 0 ? s.severity() : severity;
        Instant first = s.firstSeen().isBefore(firstSeen) ? s.firstSeen() : firstSeen;
        Instant last = s.lastSeen().isAfter(lastSeen) ? s.lastSeen() : lastSeen;
        return new SecurityEvent(id, ruleId, ruleTitle, highest, tags, group, Math.max(count + added, s.count()),
                first, last, ids, mergedSamples, status, assignee, comments, notifications, retro);
    }

    /** The stored form. {@code @timestamp} is the first sighting, so an episode stays in one daily index. */
    public Event toEvent() {
        Event e = new Event()
                .put("_id", id)
                .put("@timestamp", firstSeen)
                .put("event.kind", "signal")
                .put("rule.id", ruleId)
                .put("rule.title", ruleTitle)
                .put("severity", severity.id())
                .put("tags", tags.isEmpty() ? null : tags)
                .put("group_key", groupKey())
                .put("count", count)
                .put("first_seen", firstSeen)
                .put("last_seen", lastSeen)
                .put("event_ids", eventIds.isEmpty() ? null : eventIds)
                .put("samples", samples.isEmpty() ? null : samples)
                .put("status", status)
                .put("assignee", assignee)
                .put("retro", retro)
                .put("message", ruleTitle + " " + group);
        group.forEach((k, v) -> e.put("group." + k, v));
        try {
            e.put("comments", comments.isEmpty() ? null : EventJson.MAPPER.writeValueAsString(comments.stream()
                    .map(c -> Map.of("author", c.author(), "time", c.time().toString(), "text", c.text())).toList()));
            e.put("notifications", notifications.isEmpty() ? null : EventJson.MAPPER.writeValueAsString(notifications));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return e;
    }

    /** Reads the stored form back. */
    public static SecurityEvent fromEvent(Event e) {
        Map<String, Object> group = new LinkedHashMap<>();
        e.fields().forEach((k, v) -> {
            if (k.startsWith("group.")) {
                group.put(k.substring(6), v);
            }
        });
        List<Comment> comments = new ArrayList<>();
        List<Map<String, Object>> notifications = new ArrayList<>();
        try {
            if (e.get("comments") instanceof String json) {
                for (Map<String, String> c : EventJson.MAPPER.readValue(json, new TypeReference<List<Map<String, String>>>() {})) {
                    comments.add(new Comment(c.get("author"), Instant.parse(c.get("time")), c.get("text")));
                }
            }
            if (e.get("notifications") instanceof String json) {
                notifications.addAll(EventJson.MAPPER.readValue(json, new TypeReference<List<Map<String, Object>>>() {}));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Severity severity = Severity.parse(e.getString("severity"));
        return new SecurityEvent(e.id(), e.getString("rule.id"), e.getString("rule.title"),
                severity == null ? Severity.MEDIUM : severity, strings(e.get("tags")), group,
                e.get("count") instanceof Number n ? n.longValue() : 0, time(e.get("first_seen")), time(e.get("last_seen")),
                strings(e.get("event_ids")), strings(e.get("samples")), e.getString("status"), e.getString("assignee"),
                comments, notifications, Boolean.TRUE.equals(e.get("retro")));
    }

    private static Instant time(Object v) {
        return v instanceof Instant t ? t : v == null ? null : Timestamps.iso(v.toString());
    }

    private static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return List.of(v.toString());
    }

    /** The API shape. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("rule", Map.of("id", ruleId, "title", ruleTitle == null ? ruleId : ruleTitle));
        m.put("severity", severity.id());
        m.put("tags", tags);
        m.put("group", group);
        m.put("count", count);
        m.put("first_seen", firstSeen.toString());
        m.put("last_seen", lastSeen.toString());
        m.put("status", status);
        m.put("assignee", assignee);
        m.put("comments", comments.stream().map(c -> Map.of("author", c.author(), "time", c.time().toString(), "text", c.text())).toList());
        m.put("event_ids", eventIds);
        m.put("samples", samples);
        m.put("notifications", notifications);
        m.put("retro", retro);
        return m;
    }
}
