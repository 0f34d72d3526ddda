package io.vigil.intel;

import io.vigil.event.Cidr;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.parse.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stix2}: a STIX 2.1 bundle ({@code {"type": "bundle", "objects": [...]}}), a TAXII
 * envelope ({@code {"objects": [...]}}) or a bare array of objects. Each {@code indicator} whose
 * pattern is made only of {@code ipv4-addr:value} / {@code ipv6-addr:value} comparisons ({@code =}
 * or {@code ISSUBSET}, joined by {@code OR}) gives one entry per address or network. Indicators
 * that are revoked, not yet valid ({@code valid_from}) or expired ({@code valid_until}, judged
 * against {@code now}) are left out without counting as rejected; indicators with other patterns
 * (domains, hashes, {@code AND}) are rejected, since the IP alone would not be the indicator.
 */
public final class Stix2Parser implements FeedParser {
    private static final String COMPARISON = "(ipv4-addr|ipv6-addr):value\\s*(?:=|ISSUBSET)\\s*'((?:[^'\\\\]|\\\\.)*)'";
    private static final String OBSERVATION = "\\[\\s*" + COMPARISON + "(?:\\s+OR\\s+" + COMPARISON + ")*\\s*\\]";
    private static final Pattern WHOLE = Pattern.compile("\\s*" + OBSERVATION + "(?:\\s+OR\\s+" + OBSERVATION + ")*\\s*");
    private static final Pattern ONE = Pattern.compile(COMPARISON);

    @Override
    public FeedContent parse(String body, Instant now) {
        FeedContent.Builder out = new FeedContent.Builder();
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            out.reject("not JSON: " + e.getMessage());
            return out.build();
        }
        JsonNode objects = root == null ? null : root.isArray() ? root : root.get("objects");
        if (objects == null || !objects.isArray()) {
            if (root != null && !root.isObject()) {
                out.reject("expected a STIX bundle, a TAXII envelope or an array of objects");
            }
            return out.build();
        }
        for (JsonNode object : objects) {
            if ("indicator".equals(object.path("type").asText()) && current(object, now)) {
                indicator(object, out);
            }
        }
        return out.build();
    }

    /** True unless the indicator is revoked or outside its validity window at {@code now}. */
    static boolean current(JsonNode indicator, Instant now) {
        if (indicator.path("revoked").asBoolean(false)) {
            return false;
        }
        Instant from = time(indicator, "valid_from");
        Instant until = time(indicator, "valid_until");
        return (from == null || !from.isAfter(now)) && (until == null || until.isAfter(now));
    }

    private static Instant time(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return v == null || !v.isTextual() ? null : Timestamps.iso(v.asText());
    }

    private static void indicator(JsonNode object, FeedContent.Builder out) {
        String type = object.path("pattern_type").asText("stix");
        String pattern = object.path("pattern").asText("");
        if (!type.equals("stix") || !WHOLE.matcher(pattern).matches()) {
            out.reject(object.path("id").asText("indicator") + ": not an IP pattern: " + pattern);
            return;
        }
        List<FeedEntry> entries = new ArrayList<>();
        Matcher m = ONE.matcher(pattern);
        while (m.find()) {
            var network = Cidr.parse(m.group(2).replace("\\'", "'").replace("\\\\", "\\"));
            if (network.isEmpty() || network.get().ipv6() != m.group(1).equals("ipv6-addr")) {
                out.reject(object.path("id").asText("indicator") + ": bad address in " + pattern);
                return;
            }
            entries.add(FeedEntry.of(network.get()));
        }
        entries.forEach(out::add);
    }
}
