package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.event.IpAddresses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kubernetes API server audit events ({@code audit.k8s.io/v1} {@code Event}, one JSON object per
 * line as the log backend writes them, or an {@code EventList} as the webhook backend posts them,
 * one event per item; an item that is not an audit event is kept as an event tagged
 * {@code _parse_failure}).
 *
 * <p>Every field of the audit event is kept under {@code kubernetes.audit.*} with its Kubernetes
 * name ({@code kubernetes.audit.objectRef.resource}); {@code requestObject} and
 * {@code responseObject} are kept as JSON text because their keys differ per resource, and the
 * dots in annotation keys become {@code _}. ECS: {@code @timestamp} from
 * {@code requestReceivedTimestamp} (else {@code stageTimestamp}), {@code event.action} from the
 * verb, {@code user.name}, {@code source.ip} from the first of {@code sourceIPs},
 * {@code url.original} from {@code requestURI}, {@code http.response.status_code} and an outcome
 * from the response code (unknown before the response, at stage {@code RequestReceived}),
 * {@code orchestrator.*}. The result is {@link ParseResult.Failed} for JSON that is not an audit
 * event. Thread-safe.
 */
public final class KubernetesAuditParser implements JsonRecordParser {
    private static final String AUDIT = "kubernetes.audit.";
    /** Resources whose changes grant or take away permissions. */
    private static final Set<String> RBAC = Set.of("roles", "clusterroles", "rolebindings", "clusterrolebindings",
            "serviceaccounts", "certificatesigningrequests", "tokenreviews", "subjectaccessreviews");

    private final String dataset;

    /** @param dataset the {@code event.dataset} to set, normally {@code kubernetes.audit} */
    public KubernetesAuditParser(String dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public ParseResult parse(RawEvent raw, JsonNode node) {
        if ("EventList".equals(JsonNodes.text(node, "kind")) && node.path("items").isArray()) {
            return list(raw, node.get("items"));
        }
        if (!isAuditEvent(node)) {
            return new ParseResult.Failed(raw, node.isObject()
                    ? "not a Kubernetes audit event: no auditID, or verb and requestURI"
                    : "expected a Kubernetes audit event, got " + JsonNodes.kind(node));
        }
        return ParseResult.of(toEvent(node, raw.text()));
    }

    /** An EventList: one event per item; an item that is not an audit event is kept, tagged, not dropped. */
    private ParseResult list(RawEvent raw, JsonNode items) {
        List<Event> events = new ArrayList<>(items.size());
        boolean any = false;
        for (JsonNode item : items) {
            if (isAuditEvent(item)) {
                events.add(toEvent(item, item.toString()));
                any = true;
            } else {
                events.add(JsonNodes.rejected(item, dataset, "not a Kubernetes audit event"));
            }
        }
        return any ? new ParseResult.Parsed(events) : new ParseResult.Failed(raw, "audit EventList holds no audit event");
    }

    private static boolean isAuditEvent(JsonNode node) {
        return node.isObject() && (JsonNodes.text(node, "auditID") != null
                || JsonNodes.text(node, "verb") != null && JsonNodes.text(node, "requestURI") != null);
    }

    private Event toEvent(JsonNode a, String message) {
        Event e = new Event();
        keep(a, e);
        Instant received = Timestamps.iso(JsonNodes.text(a, "requestReceivedTimestamp"));
        Instant staged = Timestamps.iso(JsonNodes.text(a, "stageTimestamp"));
        String verb = JsonNodes.text(a, "verb");
        String resource = JsonNodes.text(a.path("objectRef"), "resource");
        boolean iam = resource != null && RBAC.contains(resource);
        Long status = JsonNodes.number(a.path("responseStatus"), "code");
        e.put(Ecs.TIMESTAMP, received != null ? received : staged)
                .put(Ecs.MESSAGE, message)
                .put(Ecs.EVENT_DATASET, dataset)
                .put(Ecs.EVENT_MODULE, "kubernetes")
                .put(Ecs.EVENT_KIND, "event")
                .put(Ecs.EVENT_CATEGORY, category(iam, status))
                .put(Ecs.EVENT_TYPE, List.of(status != null && status == 401 ? "start" : type(verb, iam)))
                .put(Ecs.EVENT_ACTION, verb)
                .put(Ecs.EVENT_OUTCOME, status == null ? "unknown" : status >= 400 ? "failure" : "success")
                .put("event.id", JsonNodes.text(a, "auditID"))
                .put("event.start", received)
                .put("event.end", staged);
        if (received != null && staged != null && "ResponseComplete".equals(JsonNodes.text(a, "stage"))) {
            Duration took = Duration.between(received, staged);
            // Nonsense times would overflow nanoseconds; no API request takes more than a day.
            if (!took.isNegative() && took.compareTo(Duration.ofDays(1)) <= 0) {
                e.put("event.duration", took.toNanos());
            }
        }
        user(a, e);
        request(a, e, status);
        orchestrator(a.path("objectRef"), e);
        return e;
    }

    /**
     * Keeps every field under {@code kubernetes.audit.*}. Request and response bodies stay JSON text,
     * and annotation keys ({@code authorization.k8s.io/decision}) lose their dots so that they stay
     * one field instead of a tree.
     */
    private static void keep(JsonNode a, Event e) {
        for (Map.Entry<String, JsonNode> f : a.properties()) {
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("requestObject") || name.equals("responseObject")) {
                e.put(AUDIT + name, JsonNodes.json(a, name));
            } else if (name.equals("annotations") && v.isObject()) {
                for (Map.Entry<String, JsonNode> an : v.properties()) {
                    e.put(AUDIT + "annotations." + an.getKey().replace('.', '_'), EventJson.fromNode(an.getValue()));
                }
            } else if (v.isObject()) {
                JsonNodes.putAll(e, AUDIT + name + ".", v);
            } else {
                e.put(AUDIT + name, EventJson.fromNode(v));
            }
        }
    }

    /** A 401 is a rejected credential; anything else is work on the cluster's configuration. */
    private static List<String> category(boolean iam, Long status) {
        if (status != null && status == 401) {
            return List.of("authentication");
        }
        return iam ? List.of("configuration", "iam") : List.of("configuration");
    }

    /** The ECS type for a verb; reads are "info" for RBAC resources because ECS has no "access" for iam. */
    private static String type(String verb, boolean iam) {
        if (verb == null) {
            return "info";
        }
        switch (verb) {
            case "create":
                return "creation";
            case "update":
            case "patch":
                return "change";
            case "delete":
            case "deletecollection":
                return "deletion";
            case "get":
            case "list":
            case "watch":
                return iam ? "info" : "access";
            default:
                return "info";
        }
    }

    private static void user(JsonNode a, Event e) {
        JsonNode user = a.path("user");
        e.put(Ecs.USER_NAME, JsonNodes.text(user, "username"))
                .put("user.id", JsonNodes.text(user, "uid"))
                .put("user.effective.name", JsonNodes.text(a.path("impersonatedUser"), "username"));
    }

    private static void request(JsonNode a, Event e, Long status) {
        JsonNode ips = a.path("sourceIPs");
        String ip = ips.isArray() && ips.size() > 0 && ips.get(0).isTextual() ? ips.get(0).textValue() : null;
        if (IpAddresses.isIp(ip)) {
            e.put(Ecs.SOURCE_IP, ip).put(Ecs.SOURCE_ADDRESS, ip);
        }
        String uri = JsonNodes.text(a, "requestURI");
        e.put(Ecs.USER_AGENT_ORIGINAL, JsonNodes.text(a, "userAgent"))
                .put(Ecs.HTTP_RESPONSE_STATUS_CODE, status)
                .put(Ecs.URL_ORIGINAL, uri);
        if (uri != null && uri.startsWith("/")) {
            int q = uri.indexOf('?');
            e.put(Ecs.URL_PATH, q < 0 ? uri : uri.substring(0, q));
            if (q >= 0 && q + 1 < uri.length()) {
                e.put(Ecs.URL_QUERY, uri.substring(q + 1));
            }
        }
    }

    private static void orchestrator(JsonNode ref, Event e) {
        if (!ref.isObject()) {
            return;
        }
        e.put("orchestrator.type", "kubernetes")
                .put("orchestrator.namespace", JsonNodes.text(ref, "namespace"))
                .put("orchestrator.resource.type", JsonNodes.text(ref, "resource"))
                .put("orchestrator.resource.name", JsonNodes.text(ref, "name"))
                .put("orchestrator.api_version", JsonNodes.text(ref, "apiVersion"));
    }
}
