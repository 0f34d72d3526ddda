package io.vigil.rules;

import io.vigil.event.FieldType;
import io.vigil.event.Schema;
import io.vigil.query.DateMath;
import io.vigil.query.QueryException;
import io.vigil.query.QueryMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads rules from YAML (with line numbers in problems) or from a JSON-shaped map, validating
 * everything and reporting every problem at once. Stateless and thread-safe.
 */
public final class RuleFormat {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
    private static final Set<String> KEYS = Set.of("id", "title", "description", "severity", "tags", "data_sources",
            "query", "type", "group_by", "threshold", "cardinality", "sequence", "new_terms", "window", "throttle",
            "actions", "enabled", "false_positives", "tests", "references", "author", "max_groups");
    /** The most groups a rule may ask to keep: each costs memory for as long as it is remembered. */
    static final int MAX_GROUPS_LIMIT = 10_000_000;
    private static final Set<String> TYPES = Set.of("match", "threshold", "cardinality", "sequence", "new_terms");
    /** Field types assumed while checking a query before the store has seen the field. */
    static final Function<String, FieldType> VALIDATION_TYPES = f -> {
        FieldType t = Schema.known(f);
        return t != null ? t : FieldType.KEYWORD;
    };

    private RuleFormat() {}

    /** Parses one rule from YAML text; {@code origin} names the file in problems. */
    public static Rule parseYaml(String yaml, String origin) {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(origin).build()).composeString(yaml)
                    .orElseThrow(() -> new RuleException(List.of(new RuleProblem(origin, 0, "", "the file is empty"))));
        } catch (YamlEngineException e) {
            throw new RuleException(List.of(new RuleProblem(origin, 0, "", "not valid YAML: " + e.getMessage())));
        }
        Map<String, Integer> lines = new HashMap<>();
        Object value = plain(root, "", lines);
        if (!(value instanceof Map<?, ?> map)) {
            throw new RuleException(List.of(new RuleProblem(origin, line(root), "", "a rule must be a YAML mapping")));
        }
        return fromMap(map, origin, lines);
    }

    /** Parses one rule from its map form (a JSON body); problems carry no line numbers. */
    public static Rule fromMap(Map<?, ?> map, String origin) {
        return fromMap(map, origin, Map.of());
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static Object plain(Node node, String path, Map<String, Integer> lines) {
        lines.putIfAbsent(path, line(node));
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                String child = path.isEmpty() ? key : path + "." + key;
                lines.put(child, line(t.getKeyNode()));
                out.put(key, plain(t.getValueNode(), child, lines));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Node n : s.getValue()) {
                out.add(plain(n, path + "[" + i++ + "]", lines));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        String v = scalar.getValue();
        if (scalar.isPlain() && (v.equals("true") || v.equals("false"))) {
            return Boolean.valueOf(v);
        }
        if (scalar.isPlain() && (v.equals("null") || v.equals("~") || v.isEmpty())) {
            return null;
        }
        return v;
    }

    private static Rule fromMap(Map<?, ?> map, String origin, Map<String, Integer> lines) {
        Reader r = new Reader(map, origin, lines);
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                r.problem(String.valueOf(key), "unknown key; known keys: " + KEYS.stream().sorted().toList());
            }
        }
        String id = r.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            r.problem("id", "must be lowercase letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        String title = r.string("title", true);
        String description = r.string("description", false);
        Severity severity = r.severity("severity", true);
        List<String> tags = r.strings("tags");
        List<String> dataSources = r.strings("data_sources");
        String query = r.string("query", false);
        r.query("query", query);
        String type = r.string("type", false);
        if (type == null) {
            type = "match";
        }
        if (!TYPES.contains(type)) {
            r.problem("type", "must be one of " + TYPES.stream().sorted().toList());
        }
        List<String> groupBy = r.strings("group_by");
        if (groupBy.size() > 3) {
            r.problem("group_by", "at most three fields");
        }
        Duration window = r.duration("window", type.equals("threshold") || type.equals("cardinality"));
        Duration throttle = r.duration("throttle", false);
        Detection detection = detection(type, r, severity, groupBy);
        List<Action> actions = r.actions();
        Object enabled = map.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            r.problem("enabled", "must be true or false");
        }
        Rule.Tests tests = r.tests();
        Object rawMaxGroups = map.get("max_groups");
        Integer maxGroups = null;
        if (rawMaxGroups != null) {
            long n = rawMaxGroups instanceof Number num && num.longValue() == num.doubleValue() ? num.longValue()
                    : rawMaxGroups instanceof String str && str.strip().matches("\\d{1,9}") ? Long.parseLong(str.strip()) : -1;
            if (n < 1 || n > MAX_GROUPS_LIMIT) {
                r.problem("max_groups", "must be a whole number from 1 to " + MAX_GROUPS_LIMIT + ", got " + rawMaxGroups);
            } else {
                maxGroups = (int) n;
            }
        }
        if (!r.problems.isEmpty()) {
            throw new RuleException(r.problems);
        }
        return new Rule(id, title, description == null ? "" : description, severity, tags, dataSources,
                query == null ? "" : query, detection, groupBy, window, throttle, actions,
                enabled == null || (Boolean) enabled, r.strings("false_positives"), tests, r.strings("references"),
                r.string("author", false), maxGroups);
    }

    private static Detection detection(String type, Reader r, Severity severity, List<String> groupBy) {
        switch (type) {
            case "threshold": {
                return new Detection.Threshold(r.levels("threshold", severity));
            }
            case "cardinality": {
                String field = r.nested("cardinality", "field");
                if (field == null) {
                    r.problem("cardinality.field", "required: the field whose distinct values are counted");
                }
                return new Detection.Cardinality(field, r.levels("cardinality", severity));
            }
            case "sequence":
                return r.sequence(groupBy);
            case "new_terms": {
                Map<?, ?> nt = r.map("new_terms", true);
                List<String> fields = nt == null ? List.of() : r.stringList(nt.get("fields"), "new_terms.fields");
                if (nt != null && fields.isEmpty()) {
                    r.problem("new_terms.fields", "required: the field(s) whose new values are detected");
                }
                Duration history = nt == null ? null : r.durationValue(nt.get("history"), "new_terms.history", true);
                return new Detection.NewTerms(fields, history == null ? Duration.ofDays(14) : history);
            }
            default:
                return new Detection.Match();
        }
    }

    /** Durations as written in rules: {@code 5m}, {@code 1h}, {@code 14d}. */
    public static String formatDuration(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** Collects values and problems while reading one rule. */
    private static final class Reader {
        final Map<?, ?> map;
        final String origin;
        final Map<String, Integer> lines;
        final List<RuleProblem> problems = new ArrayList<>();

        Reader(Map<?, ?> map, String origin, Map<String, Integer> lines) {
            this.map = map;
            this.origin = origin;
            this.lines = lines;
        }

        void problem(String field, String message) {
            problems.add(new RuleProblem(origin, lines.getOrDefault(field, lines.getOrDefault(field.replaceAll("\\..*", ""), 0)),
                    field, message));
        }

        String string(String key, boolean required) {
            Object v = map.get(key);
            if (v == null) {
                if (required) {
                    problem(key, "required");
                }
                return null;
            }
            if (v instanceof Map || v instanceof List) {
                problem(key, "must be a single value");
                return null;
            }
            String s = v.toString().trim();
            if (required && s.isEmpty()) {
                problem(key, "must not be empty");
            }
            return s;
        }

        Severity severity(String key, boolean required) {
            String s = string(key, required);
            Severity sev = Severity.parse(s);
            if (s != null && sev == null) {
                problem(key, "must be low, medium, high or critical");
            }
            return sev == null ? Severity.MEDIUM : sev;
        }

        List<String> strings(String key) {
            return stringList(map.get(key), key);
        }

        List<String> stringList(Object v, String key) {
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    if (o == null || o instanceof Map || o instanceof List) {
                        problem(key, "must be a list of strings");
                        return List.of();
                    }
                    out.add(o.toString());
                }
                return out;
            }
            return List.of(v.toString());
        }

        void query(String key, String query) {
            if (query == null || query.isBlank()) {
                return;
            }
            try {
                QueryMatcher.compile(query, VALIDATION_TYPES);
            } catch (QueryException e) {
                problem(key, "invalid query: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                // Lucene refuses some regular expressions (e.g. "automaton is too large").
                problem(key, "invalid query: " + e.getMessage());
            }
        }

        Duration duration(String key, boolean required) {
            return durationValue(map.get(key), key, required);
        }

        Duration durationValue(Object v, String key, boolean required) {
            if (v == null) {
                if (required) {
                    problem(key, "required (e.g. 5m, 1h)");
                }
                return null;
            }
            try {
                return DateMath.duration(v.toString());
            } catch (QueryException e) {
                problem(key, e.getMessage());
                return null;
            }
        }

        Map<?, ?> map(String key, boolean required) {
            Object v = map.get(key);
            if (v == null) {
                if (required) {
                    problem(key, "required for this rule type");
                }
                return null;
            }
            if (!(v instanceof Map<?, ?> m)) {
                problem(key, "must be a mapping");
                return null;
            }
            return m;
        }

        String nested(String key, String child) {
            Map<?, ?> m = map(key, true);
            Object v = m == null ? null : m.get(child);
            return v == null ? null : v.toString();
        }

        List<Detection.Level> levels(String key, Severity severity) {
            Map<?, ?> m = map(key, true);
            List<Detection.Level> out = new ArrayList<>();
            if (m == null) {
                return out;
            }
            for (Object k : m.keySet()) {
                if (!Set.of("count", "levels", "field").contains(String.valueOf(k))) {
                    problem(key + "." + k, "unknown key; use count, levels or field");
                }
            }
            if (m.get("levels") instanceof List<?> list) {
                int i = 0;
                for (Object o : list) {
                    String path = key + ".levels[" + i++ + "]";
                    if (!(o instanceof Map<?, ?> level)) {
                        problem(path, "must be {count: \"> 5\", severity: medium}");
                        continue;
                    }
                    Condition c = condition(level.get("count"), path + ".count");
                    Severity s = Severity.parse(String.valueOf(level.get("severity")));
                    if (s == null) {
                        problem(path + ".severity", "must be low, medium, high or critical");
                    }
                    if (c != null && s != null) {
                        out.add(new Detection.Level(c, s));
                    }
                }
            } else {
                Condition c = condition(m.get("count"), key + ".count");
                if (c != null) {
                    out.add(new Detection.Level(c, severity));
                }
            }
            if (out.isEmpty() && problems.isEmpty()) {
                problem(key, "needs a count (\"> 5\") or levels");
            }
            return out;
        }

        Condition condition(Object v, String path) {
            Condition c = v == null ? null : Condition.parse(v.toString());
            if (c == null) {
                problem(path, "must be a comparison such as \"> 5\" or \">= 20\"");
            } else if (c.op().startsWith("<")) {
                problem(path, "must be a growing count (>, >= or ==): a window cannot fire on absence");
                return null;
            }
            return c;
        }

        Detection sequence(List<String> groupBy) {
            Map<?, ?> m = map("sequence", true);
            List<Detection.Step> steps = new ArrayList<>();
            Duration maxSpan = null;
            if (m != null) {
                maxSpan = durationValue(m.get("maxspan"), "sequence.maxspan", true);
                Object s = m.get("steps");
                if (!(s instanceof List<?> list) || list.size() < 2) {
                    problem("sequence.steps", "needs at least two steps, each {query: ..., count: \">= 1\"}");
                } else {
                    int i = 0;
                    for (Object o : list) {
                        String path = "sequence.steps[" + i++ + "]";
                        if (!(o instanceof Map<?, ?> step) || step.get("query") == null) {
                            problem(path, "must be {query: ..., count: \">= 1\"}");
                            continue;
                        }
                        String q = step.get("query").toString();
                        query(path + ".query", q);
                        Condition c = step.get("count") == null ? new Condition(">=", 1) : condition(step.get("count"), path + ".count");
                        if (c != null) {
                            steps.add(new Detection.Step(q, c));
                        }
                    }
                }
            }
            if (groupBy.isEmpty()) {
                problem("group_by", "a sequence needs the field(s) that join its steps (e.g. [source.ip])");
            }
            return new Detection.Sequence(steps, maxSpan == null ? Duration.ofMinutes(10) : maxSpan);
        }

        List<Action> actions() {
            Object v = map.get("actions");
            List<Action> out = new ArrayList<>();
            if (v == null) {
                return out;
            }
            if (!(v instanceof List<?> list)) {
                problem("actions", "must be a list such as [{email: [secops@example.com]}]");
                return out;
            }
            int i = 0;
            for (Object o : list) {
                String path = "actions[" + i++ + "]";
                if (!(o instanceof Map<?, ?> a) || a.size() != 1) {
                    problem(path, "must have exactly one of " + Action.KINDS);
                    continue;
                }
                String kind = String.valueOf(a.keySet().iterator().next());
                if (!Action.KINDS.contains(kind)) {
                    problem(path, "unknown action '" + kind + "'; use one of " + Action.KINDS);
                    continue;
                }
                List<String> targets = stringList(a.get(kind), path + "." + kind);
                if (targets.isEmpty()) {
                    problem(path + "." + kind, "needs at least one target");
                }
                out.add(new Action(kind, targets));
            }
            return out;
        }

        Rule.Tests tests() {
            Map<?, ?> t = map("tests", false);
            if (t == null) {
                return null;
            }
            Object fires = t.get("fires_on");
            Object quiet = t.get("quiet_on");
            if (fires == null || quiet == null) {
                problem("tests", "needs fires_on and quiet_on sample files");
                return null;
            }
            return new Rule.Tests(t.get("type") == null ? null : t.get("type").toString(), fires.toString(), quiet.toString());
        }
    }
}
