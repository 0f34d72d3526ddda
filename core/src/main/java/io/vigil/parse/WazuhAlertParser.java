package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.event.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wazuh alerts, one JSON object per line.
 *
 * <p>Wazuh 4.x {@code alerts.json} lines ({@code timestamp}, {@code rule}, {@code agent},
 * {@code data}, {@code full_log}): every field is kept under {@code wazuh.*}, and ECS fields are
 * added: {@code @timestamp}, {@code rule.id}, {@code rule.name} (the description),
 * {@code event.severity} (the rule level, 0 to 15), {@code threat.*} from the MITRE mapping,
 * {@code host.name} (the agent), {@code source.ip}/{@code source.port}, {@code destination.*} and
 * {@code user.name} from the decoded data. {@code message} is the decoded log line
 * ({@code full_log}) when there is one, else the raw alert.
 *
 * <p>Wazuh 5.x findings (ECS documents with a {@code wazuh} object) keep their own ECS fields,
 * {@code event.dataset} included; only what they lack is filled in.
 *
 * <p>{@code event.kind} is {@code alert}. The category comes from the rule groups: authentication
 * success and failure groups give {@code authentication} with that outcome, file integrity
 * monitoring gives {@code file}, anything else {@code intrusion_detection} with an unknown
 * outcome. The result is {@link ParseResult.Failed} for JSON that is neither shape. Thread-safe.
 */
public final class WazuhAlertParser implements JsonRecordParser {
    private final String dataset;

    /** @param dataset the {@code event.dataset} to set, normally {@code wazuh.alerts} */
    public WazuhAlertParser(String dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode node) {
        if (!node.isObject()) {
            return new ParseResult.Failed(raw, "expected a Wazuh alert object, got " + JsonNodes.kind(node));
        }
        // Checked first: a finding may carry an ECS rule object too, a 4.x alert never has "wazuh".
        if (node.path("wazuh").isObject()) {
            return ParseResult.of(finding(node, raw.text()));
        }
        JsonNode rule = node.path("rule");
        if (rule.isObject() && (rule.has("id") || rule.has("level"))) {
            return ParseResult.of(alert(node, raw.text()));
        }
        return new ParseResult.Failed(raw, "not a Wazuh alert: no rule with an id or level, and no wazuh object");
    }

    /** A Wazuh 4.x alert. */
    private Event alert(JsonNode a, String raw) {
        Event e = new Event();
        for (Map.Entry<String, JsonNode> f : a.properties()) {
            if (f.getValue().isObject()) {
                JsonNodes.putAll(e, "wazuh." + f.getKey() + ".", f.getValue());
            } else if (!f.getKey().equals("full_log")) {
                e.put("wazuh." + f.getKey(), EventJson.fromNode(f.getValue()));
            }
        }
        JsonNode rule = a.path("rule");
        JsonNode agent = a.path("agent");
        JsonNode data = a.path("data");
        e.put(Ecs.TIMESTAMP, Timestamps.iso(JsonNodes.text(a, "timestamp")))
                .put(Ecs.MESSAGE, JsonNodes.first(JsonNodes.text(a, "full_log"), raw))
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, "wazuh")
                .put(Ecs.EVENT_KIND, "alert")
                .put("event.id", JsonNodes.text(a, "id"))
                .put("event.severity", JsonNodes.number(rule, "level"))
                .put("event.provider", JsonNodes.first(JsonNodes.text(a.path("decoder"), "parent"),
                        JsonNodes.text(a.path("decoder"), "name")))
                .put("rule.id", JsonNodes.text(rule, "id"))
                .put("rule.name", JsonNodes.text(rule, "description"))
                .put("rule.description", JsonNodes.text(rule, "description"))
                .put("rule.ruleset", "wazuh")
                .put(Ecs.HOST_NAME, JsonNodes.text(agent, "name"))
                .put(Ecs.HOST_IP, ipOrNull(JsonNodes.text(agent, "ip")))
                .put(Ecs.USER_NAME, JsonNodes.first(JsonNodes.text(data, "dstuser"), JsonNodes.text(data, "srcuser")));
        endpoint("source", JsonNodes.text(data, "srcip"), JsonNodes.number(data, "srcport"), e);
        endpoint("destination", JsonNodes.text(data, "dstip"), JsonNodes.number(data, "dstport"), e);
        String location = JsonNodes.text(a, "location");
        if (location != null && location.startsWith("/")) {
            e.put("log.file.path", location);
        }
        JsonNode mitre = rule.path("mitre");
        threat(EventJson.fromNode(mitre.get("tactic")), null, EventJson.fromNode(mitre.get("id")),
                EventJson.fromNode(mitre.get("technique")), e);
        categorise(EventJson.fromNode(rule.get("groups")), e);
        return e;
    }

    /** A Wazuh 5.x finding: already ECS, so its fields stay where they are. */
    private Event finding(JsonNode f, String raw) {
        Event e = EventJson.fromJson(f);
        Object time = e.get(Ecs.TIMESTAMP);
        e.put(Ecs.TIMESTAMP, time instanceof String s ? Timestamps.iso(s) : null);
        e.putIfAbsent(Ecs.MESSAGE, raw)
                .putIfAbsent(Ecs.EVENT_DATASET, dataset)
                .putIfAbsent(Ecs.EVENT_MODULE, "wazuh")
                .putIfAbsent(Ecs.EVENT_KIND, "alert")
                .putIfAbsent("rule.id", e.get("wazuh.rule.id"))
                .putIfAbsent("rule.name", e.get("wazuh.rule.title"))
                .putIfAbsent("rule.ruleset", "wazuh")
                .putIfAbsent(Ecs.HOST_NAME, JsonNodes.first(e.getString("wazuh.agent.host.hostname"),
                        e.getString("wazuh.agent.name")));
        // 5.x names levels ("low", "high"); only a number can become event.severity.
        if (e.get("wazuh.rule.level") instanceof Long level) {
            e.putIfAbsent("event.severity", level);
        }
        if (!e.has("threat.tactic.id") && !e.has("threat.technique.id")) {
            threat(e.get("wazuh.rule.mitre.tactic.name"), e.get("wazuh.rule.mitre.tactic.id"),
                    e.get("wazuh.rule.mitre.technique.id"), e.get("wazuh.rule.mitre.technique.name"), e);
        }
        if (!e.has(Ecs.EVENT_CATEGORY)) {
            // The finding's own outcome, when it has one, is better than one guessed from its tags.
            Object outcome = e.get(Ecs.EVENT_OUTCOME);
            categorise(e.get("wazuh.rule.tags"), e);
            e.put(Ecs.EVENT_OUTCOME, outcome == null ? e.get(Ecs.EVENT_OUTCOME) : outcome);
        }
        e.putIfAbsent(Ecs.EVENT_TYPE, List.of("info"));
        e.putIfAbsent(Ecs.EVENT_OUTCOME, "unknown");
        return e;
    }

    private static void threat(Object tacticName, Object tacticId, Object techniqueId, Object techniqueName, Event e) {
        if (tacticName == null && tacticId == null && techniqueId == null && techniqueName == null) {
            return;
        }
        e.put("threat.framework", "MITRE ATT&CK")
                .put("threat.tactic.name", tacticName)
                .put("threat.tactic.id", tacticId)
                .put("threat.technique.id", techniqueId)
                .put("threat.technique.name", techniqueName);
    }

    /** Category, type and outcome from the rule groups, which Wazuh's ruleset names consistently. */
    private static void categorise(Object groups, Event e) {
        List<?> g = groups instanceof List<?> list ? list : groups == null ? List.of() : List.of(groups);
        if (g.contains("authentication_failed") || g.contains("authentication_failures") || g.contains("invalid_login")) {
            e.put(Ecs.EVENT_CATEGORY, List.of("authentication")).put(Ecs.EVENT_TYPE, List.of("start"))
                    .put(Ecs.EVENT_OUTCOME, "failure");
        } else if (g.contains("authentication_success")) {
            e.put(Ecs.EVENT_CATEGORY, List.of("authentication")).put(Ecs.EVENT_TYPE, List.of("start"))
                    .put(Ecs.EVENT_OUTCOME, "success");
        } else if (g.contains("syscheck") || g.contains("syscheck_file")) {
            e.put(Ecs.EVENT_CATEGORY, List.of("file")).put(Ecs.EVENT_TYPE, List.of(fileType(g)))
                    .put(Ecs.EVENT_OUTCOME, "unknown");
        } else {
            e.put(Ecs.EVENT_CATEGORY, List.of("intrusion_detection")).put(Ecs.EVENT_TYPE, List.of("info"))
                    .put(Ecs.EVENT_OUTCOME, "unknown");
        }
    }

    private static String fileType(List<?> groups) {
        if (groups.contains("syscheck_entry_added")) {
            return "creation";
        }
        if (groups.contains("syscheck_entry_deleted")) {
            return "deletion";
        }
        return groups.contains("syscheck_entry_modified") ? "change" : "info";
    }

    private static void endpoint(String side, String address, Long port, Event e) {
        if (address == null) {
            return;
        }
        e.put(side + ".address", address);
        if (IpAddresses.isIp(address)) {
            e.put(side + ".ip", address);
        } else if (address.indexOf(' ') < 0) {
            e.put(side + ".domain", address);
        }
        e.put(side + ".port", port);
    }

    private static String ipOrNull(String s) {
        return IpAddresses.isIp(s) ? s : null;
    }
}
