package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import io.vigil.parse.ParserDefinitionException.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link GrokParserDefinition}s as JSON, the form the API and
 * {@code DATA/state/parsers.json} use:
 *
 * <pre>{@code
 * {"name": "my_app", "dataset": "my_app.log",
 *  "patterns": ["^%{TIMESTAMP_ISO8601:timestamp} %{LOGLEVEL:log.level} %{GREEDYDATA:log.text}"],
 *  "pattern_definitions": {"MY_ID": "[a-f0-9]{8}"},
 *  "mappings": [{"rename": "log.text", "to": "event.reason"},
 *               {"convert": "duration", "to": "int"},
 *               {"convert": "started", "to": "date", "format": "dd/MMM/yyyy:HH:mm:ss Z", "timezone": "UTC"},
 *               {"drop": "tmp"}, {"add": "event.kind", "value": "event"}, {"lowercase": "log.level"}]}
 * }</pre>
 *
 * {@code "pattern": "..."} may stand for a single-element {@code "patterns"}. Unknown keys are
 * rejected. Reading reports every problem at once; when the shape is wrong, problems in the
 * patterns are reported too. Stateless and thread-safe.
 */
public final class GrokParserDefinitionJson {
    private GrokParserDefinitionJson() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> KEYS = Set.of("name", "dataset", "pattern", "patterns", "pattern_definitions", "mappings");
    private static final Map<String, Set<String>> MAPPING_KEYS = Map.of(
            "rename", Set.of("rename", "to"),
            "convert", Set.of("convert", "to", "format", "timezone"),
            "drop", Set.of("drop"),
            "add", Set.of("add", "value"),
            "lowercase", Set.of("lowercase"));

    /**
     * Reads a definition.
     *
     * @throws ParserDefinitionException with every problem found
     */
    public static GrokParserDefinition read(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new ParserDefinitionException(null, List.of(new Problem("", 0,
                    "a parser definition is a JSON object such as {\"name\": \"my_app\", \"patterns\": [\"%{COMBINEDAPACHELOG}\"]}")));
        }
        unknownKeys(json, KEYS, "", problems);
        String name = text(json, "name", "name", problems);
        String dataset = text(json, "dataset", "dataset", problems);
        List<String> patterns = patterns(json, problems);
        Map<String, String> definitions = definitions(json.get("pattern_definitions"), problems);
        List<FieldMapping> mappings = mappings(json.get("mappings"), problems);
        GrokParserDefinition definition = null;
        try {
            definition = new GrokParserDefinition(name, patterns, definitions, mappings, dataset);
        } catch (ParserDefinitionException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            if (patterns != null) {
                problems.addAll(GrokParser.check(patterns, definitions));
            }
            throw new ParserDefinitionException(name, problems);
        }
        return definition;
    }

    /** The definition as JSON; {@link #read} gives it back equal. */
    public static ObjectNode write(GrokParserDefinition d) {
        ObjectNode out = NODES.objectNode();
        out.put("name", d.name());
        out.put("dataset", d.dataset());
        ArrayNode patterns = out.putArray("patterns");
        d.patterns().forEach(patterns::add);
        ObjectNode definitions = out.putObject("pattern_definitions");
        d.patternDefinitions().forEach(definitions::put);
        ArrayNode mappings = out.putArray("mappings");
        d.mappings().forEach(m -> mappings.add(write(m)));
        return out;
    }

    /** One mapping as JSON, e.g. {@code {"rename": "a", "to": "b"}}. */
    public static ObjectNode write(FieldMapping m) {
        ObjectNode out = NODES.objectNode();
        if (m instanceof FieldMapping.Rename r) {
            out.put("rename", r.from()).put("to", r.to());
        } else if (m instanceof FieldMapping.Convert c) {
            out.put("convert", c.field()).put("to", c.to().id());
            if (c.format() != null) {
                out.put("format", c.format());
            }
            if (c.timezone() != null) {
                out.put("timezone", c.timezone());
            }
        } else if (m instanceof FieldMapping.Drop d) {
            out.put("drop", d.field());
        } else if (m instanceof FieldMapping.Add a) {
            out.put("add", a.field()).set("value", EventJson.toNode(a.value()));
        } else if (m instanceof FieldMapping.Lowercase l) {
            out.put("lowercase", l.field());
        }
        return out;
    }

    private static List<String> patterns(JsonNode json, List<Problem> problems) {
        JsonNode one = json.get("pattern");
        JsonNode many = json.get("patterns");
        if (one != null && many != null) {
            problems.add(new Problem("pattern", 0, "give either \"pattern\" or \"patterns\", not both"));
            return null;
        }
        if (one != null) {
            String p = text(json, "pattern", "pattern", problems);
            return p == null ? null : List.of(p);
        }
        if (many == null || many.isNull()) {
            return null;
        }
        if (!many.isArray()) {
            problems.add(new Problem("patterns", 0, "patterns is a list of strings"));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < many.size(); i++) {
            JsonNode p = many.get(i);
            if (!p.isTextual()) {
                problems.add(new Problem("patterns[" + i + "]", 0, "a pattern is a string"));
            }
            out.add(p.isTextual() ? p.textValue() : null);
        }
        return out;
    }

    private static Map<String, String> definitions(JsonNode json, List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (!json.isObject()) {
            problems.add(new Problem("pattern_definitions", 0, "pattern_definitions is an object of NAME: pattern"));
            return out;
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (!e.getValue().isTextual()) {
                problems.add(new Problem("pattern_definitions." + e.getKey(), 0, "a pattern definition is a string"));
                continue;
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static List<FieldMapping> mappings(JsonNode json, List<Problem> problems) {
        List<FieldMapping> out = new ArrayList<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (!json.isArray()) {
            problems.add(new Problem("mappings", 0, "mappings is a list of objects such as {\"rename\": \"a\", \"to\": \"b\"}"));
            return out;
        }
        for (int i = 0; i < json.size(); i++) {
            FieldMapping m = mapping(json.get(i), "mappings[" + i + "]", problems);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static FieldMapping mapping(JsonNode json, String path, List<Problem> problems) {
        List<String> kinds = json.isObject() ? MAPPING_KEYS.keySet().stream().filter(json::has).sorted().toList() : List.of();
        if (kinds.size() != 1) {
            problems.add(new Problem(path, 0, "a mapping is one of {\"rename\": F, \"to\": G}, {\"convert\": F, \"to\":"
                    + " \"int|float|ip|date\"}, {\"drop\": F}, {\"add\": F, \"value\": V}, {\"lowercase\": F}"
                    + (kinds.size() > 1 ? "; this one has " + String.join(" and ", kinds) : "")));
            return null;
        }
        String kind = kinds.get(0);
        int before = problems.size();
        unknownKeys(json, MAPPING_KEYS.get(kind), path + ".", problems);
        String field = text(json, kind, path + "." + kind, problems);
        if (problems.size() > before) {
            return null;
        }
        try {
            return build(kind, field, json, path, problems);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path, 0, e.getMessage()));
            return null;
        }
    }

    private static FieldMapping build(String kind, String field, JsonNode json, String path, List<Problem> problems) {
        return switch (kind) {
            case "rename" -> {
                String to = required(json, "to", path, problems);
                yield to == null ? null : new FieldMapping.Rename(field, to);
            }
            case "convert" -> {
                String target = required(json, "to", path, problems);
                String format = text(json, "format", path + ".format", problems);
                String timezone = text(json, "timezone", path + ".timezone", problems);
                yield target == null ? null : new FieldMapping.Convert(field, FieldMapping.Target.of(target), format, timezone);
            }
            case "drop" -> new FieldMapping.Drop(field);
            case "add" -> {
                JsonNode value = json.get("value");
                if (value == null || !value.isValueNode() || value.isNull()) {
                    problems.add(new Problem(path + ".value", 0, "add needs a \"value\": a string, a number or true/false"));
                    yield null;
                }
                yield new FieldMapping.Add(field, EventJson.fromNode(value));
            }
            default -> new FieldMapping.Lowercase(field);
        };
    }

    private static String required(JsonNode json, String key, String path, List<Problem> problems) {
        String value = text(json, key, path + "." + key, problems);
        if (value == null && json.get(key) == null) {
            problems.add(new Problem(path + "." + key, 0, "\"" + key + "\" is missing"));
        }
        return value;
    }

    /** The string under key, or null when absent; a non-string is a problem. */
    private static String text(JsonNode json, String key, String path, List<Problem> problems) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new Problem(path, 0, "\"" + key + "\" is a string"));
            return null;
        }
        return v.textValue();
    }

    private static void unknownKeys(JsonNode json, Set<String> allowed, String prefix, List<Problem> problems) {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                problems.add(new Problem(prefix + key, 0, "unknown key \"" + key + "\"; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }
}
