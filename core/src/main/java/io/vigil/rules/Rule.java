package io.vigil.rules;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated detection rule. Build one with {@link RuleFormat}; its map form
 * ({@link #toMap()}) is the YAML and JSON shape.
 *
 * @param query Lucene query selecting the events the rule looks at (blank: all)
 * @param groupBy up to three fields; events are counted per combination of their values
 * @param window look-back for threshold and cardinality; null for other types
 * @param throttle repeated firing for one group within this period updates the existing
 *     security event instead of creating one (and notifies once)
 * @param tests sample files proving the rule (detection as code), or null
 * @param references where the idea comes from (e.g. the Sigma rule it follows), for credit
 * @param author who wrote it or whose rule it follows
 * @param maxGroups how many groups (or new-terms keys) the rule keeps in memory, least recently
 *     seen evicted beyond it; null for the engine's default
 */
public record Rule(String id, String title, String description, Severity severity, List<String> tags,
                   List<String> dataSources, String query, Detection detection, List<String> groupBy,
                   Duration window, Duration throttle, List<Action> actions, boolean enabled,
                   List<String> falsePositives, Tests tests, List<String> references, String author,
                   Integer maxGroups) {

    public Rule {
        references = references == null ? List.of() : List.copyOf(references);
        tags = List.copyOf(tags);
        dataSources = List.copyOf(dataSources);
        groupBy = List.copyOf(groupBy);
        actions = List.copyOf(actions);
        falsePositives = List.copyOf(falsePositives);
    }

    /**
     * Detection-as-code samples: {@code firesOn} must make the rule fire, {@code quietOn} must not.
     *
     * @param type the parser type of the sample files
     */
    public record Tests(String type, String firesOn, String quietOn) {}

    public Rule withEnabled(boolean on) {
        return new Rule(id, title, description, severity, tags, dataSources, query, detection, groupBy, window,
                throttle, actions, on, falsePositives, tests, references, author, maxGroups);
    }

    /** The YAML/JSON shape, keys in the order a person reads them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("description", description);
        m.put("severity", severity.id());
        m.put("tags", tags);
        m.put("data_sources", dataSources);
        m.put("query", query);
        m.put("type", detection.type());
        if (!groupBy.isEmpty()) {
            m.put("group_by", groupBy);
        }
        if (detection instanceof Detection.Threshold t) {
            putLevels(m, "threshold", t.levels(), null);
        } else if (detection instanceof Detection.Cardinality c) {
            putLevels(m, "cardinality", c.levels(), c.field());
        } else if (detection instanceof Detection.Sequence s) {
            Map<String, Object> seq = new LinkedHashMap<>();
            seq.put("maxspan", RuleFormat.formatDuration(s.maxSpan()));
            seq.put("steps", s.steps().stream().map(st -> {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("query", st.query());
                step.put("count", st.count().toString());
                return step;
            }).toList());
            m.put("sequence", seq);
        } else if (detection instanceof Detection.NewTerms n) {
            Map<String, Object> nt = new LinkedHashMap<>();
            nt.put("fields", n.fields());
            nt.put("history", RuleFormat.formatDuration(n.history()));
            m.put("new_terms", nt);
        }
        if (window != null) {
            m.put("window", RuleFormat.formatDuration(window));
        }
        if (throttle != null) {
            m.put("throttle", RuleFormat.formatDuration(throttle));
        }
        m.put("actions", actions.stream().map(a -> Map.of(a.kind(), a.targets())).toList());
        m.put("enabled", enabled);
        if (!falsePositives.isEmpty()) {
            m.put("false_positives", falsePositives);
        }
        if (!references.isEmpty()) {
            m.put("references", references);
        }
        if (author != null) {
            m.put("author", author);
        }
        if (maxGroups != null) {
            m.put("max_groups", maxGroups);
        }
        if (tests != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            if (tests.type() != null) {
                t.put("type", tests.type());
            }
            t.put("fires_on", tests.firesOn());
            t.put("quiet_on", tests.quietOn());
            m.put("tests", t);
        }
        return m;
    }

    private static void putLevels(Map<String, Object> m, String key, List<Detection.Level> levels, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (field != null) {
            body.put("field", field);
        }
        if (levels.size() == 1) {
            body.put("count", levels.get(0).count().toString());
        } else {
            body.put("levels", levels.stream().map(l -> Map.of("count", l.count().toString(), "severity", l.severity().id())).toList());
        }
        m.put(key, body);
    }
}
