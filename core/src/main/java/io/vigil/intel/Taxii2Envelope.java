package io.vigil.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import io.vigil.parse.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a TAXII 2.1 collection's {@code objects} endpoint ({@code {"more", "next",
 * "objects"}}), and how pages accumulate into the bundle a {@code taxii2} feed keeps.
 *
 * <p>A TAXII feed is polled incrementally ({@code added_after}), so its data is the union of every
 * page seen: objects are merged by {@code id}, a newer {@code modified} replaces an older version,
 * and indicators that are revoked or expired are dropped so the kept bundle does not grow for ever.
 * The kept bundle is read by {@link Stix2Parser} like any {@code stix2} feed.
 *
 * @param objects the page's STIX objects
 * @param more whether the server has more pages for this request
 * @param next the server's cursor for the next page, or null
 */
public record Taxii2Envelope(List<JsonNode> objects, boolean more, String next) {
    /** The TAXII 2.1 media type for requests and answers. */
    public static final String MEDIA_TYPE = "application/taxii+json;version=2.1";

    public Taxii2Envelope {
        objects = List.copyOf(objects);
    }

    /**
     * Reads an envelope.
     *
     * @throws IOException when the text is not a JSON object
     */
    public static Taxii2Envelope parse(String json) throws IOException {
        JsonNode root = EventJson.MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("a TAXII envelope is a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        List<JsonNode> objects = new ArrayList<>();
        root.path("objects").forEach(objects::add);
        JsonNode next = root.get("next");
        return new Taxii2Envelope(objects, root.path("more").asBoolean(false),
                next == null || next.isNull() ? null : next.asText());
    }

    /** The newest {@code date_added} among objects that carry it (some servers only send the header). */
    public static Instant latestAdded(List<JsonNode> objects) {
        Instant latest = null;
        for (JsonNode o : objects) {
            Instant t = o.hasNonNull("date_added") ? Timestamps.iso(o.get("date_added").asText()) : null;
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    /**
     * The bundle kept after merging new objects into a previously kept one.
     *
     * @param kept the previous bundle's JSON, or null/blank for none
     * @param added objects from new pages, oldest first
     * @param now time against which expiry is judged
     */
    public static String merge(String kept, List<JsonNode> added, Instant now) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        if (kept != null && !kept.isBlank()) {
            JsonNode root = EventJson.MAPPER.readTree(kept);
            if (root != null) {
                root.path("objects").forEach(o -> put(byId, o));
            }
        }
        added.forEach(o -> put(byId, o));
        ObjectNode bundle = EventJson.MAPPER.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--vigil-taxii-cache");
        ArrayNode objects = bundle.putArray("objects");
        for (JsonNode o : byId.values()) {
            if ("indicator".equals(o.path("type").asText()) && Stix2Parser.current(o, now)) {
                objects.add(o);
            }
        }
        return EventJson.MAPPER.writeValueAsString(bundle);
    }

    private static void put(Map<String, JsonNode> byId, JsonNode o) {
        String id = o.path("id").asText("");
        if (id.isEmpty()) {
            return;
        }
        JsonNode previous = byId.get(id);
        if (previous == null || !olderThan(o, previous)) {
            byId.put(id, o);
        }
    }

    private static boolean olderThan(JsonNode a, JsonNode b) {
        Instant ta = Timestamps.iso(a.path("modified").asText(""));
        Instant tb = Timestamps.iso(b.path("modified").asText(""));
        return ta != null && tb != null && ta.isBefore(tb);
    }
}
