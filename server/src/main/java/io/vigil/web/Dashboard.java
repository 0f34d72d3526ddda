package io.vigil.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard: data, not code. Read from JSON ({@code server/src/main/resources/dashboards/} for
 * the built-in ones, {@code /api/v1/dashboards} for the user's), validated with every problem
 * reported at once, unknown keys refused.
 *
 * @param builtIn shipped in the jar: read-only, clone it to change it
 */
public record Dashboard(String id, String title, String description, boolean builtIn, List<Panel> panels) {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int MAX_PANELS = 30;
    private static final Set<String> KEYS = Set.of("id", "title", "description", "built_in", "panels");

    public Dashboard {
        panels = List.copyOf(panels);
    }

    /**
     * One chart.
     *
     * @param index {@code logs} or {@code security_events}
     * @param query Lucene syntax, as in Discover; empty for everything
     * @param aggregation what is computed; see {@link PanelQuery}
     * @param chart {@code line}, {@code bar}, {@code pie}, {@code map}, {@code table} or {@code number}
     * @param width 1 (a third of the row), 2 or 3 (the whole row)
     */
    public record Panel(String title, String index, String query, Aggregation aggregation, String chart, int width) {
        static final Set<String> CHARTS = Set.of("line", "bar", "pie", "map", "table", "number");
        static final Set<String> INDICES = Set.of(PanelQuery.LOGS, PanelQuery.SECURITY_EVENTS);
        private static final Set<String> KEYS = Set.of("title", "index", "query", "aggregation", "chart", "width");
    }

    /**
     * @param type {@code count}, {@code cardinality}, {@code date_histogram} or {@code terms}
     * @param field the field counted or split on ({@code @timestamp} by default for histograms)
     * @param size how many terms
     * @param split for {@code date_histogram}: one series per top value of this field
     * @param details for {@code terms}: fields shown from each value's newest event, with first and last seen
     */
    public record Aggregation(String type, String field, int size, String split, List<String> details) {
        static final Set<String> TYPES = Set.of("count", "cardinality", "date_histogram", "terms");
        private static final Set<String> KEYS = Set.of("type", "field", "size", "split", "details");

        public Aggregation {
            details = details == null ? List.of() : List.copyOf(details);
        }
    }

    /** Parses and validates; throws {@link DashboardException} listing every problem. */
    public static Dashboard fromJson(JsonNode json, boolean builtIn) {
        List<String> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new DashboardException(List.of("a dashboard is a JSON object with id, title and panels"));
        }
        unknownKeys(json, KEYS, "", problems);
        String id = json.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            problems.add("id: lowercase letters, digits, - and _, at most 64, got '" + id + "'");
        }
        String title = json.path("title").asText("").trim();
        if (title.isEmpty()) {
            problems.add("title: required");
        }
        JsonNode panelsJson = json.path("panels");
        List<Panel> panels = new ArrayList<>();
        if (!panelsJson.isArray() || panelsJson.isEmpty() || panelsJson.size() > MAX_PANELS) {
            problems.add("panels: a list of 1 to " + MAX_PANELS + " panels");
        } else {
            for (int i = 0; i < panelsJson.size(); i++) {
                panels.add(panel(panelsJson.get(i), "panels[" + i + "].", problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new DashboardException(problems);
        }
        return new Dashboard(id, title, json.path("description").asText(""), builtIn, panels);
    }

    private static Panel panel(JsonNode p, String at, List<String> problems) {
        if (!p.isObject()) {
            problems.add(at + ": a panel is an object");
            return null;
        }
        unknownKeys(p, Panel.KEYS, at, problems);
        String title = p.path("title").asText("").trim();
        if (title.isEmpty()) {
            problems.add(at + "title: required");
        }
        String index = p.path("index").asText(PanelQuery.LOGS);
        if (!Panel.INDICES.contains(index)) {
            problems.add(at + "index: one of " + Panel.INDICES + ", got '" + index + "'");
        }
        String chart = p.path("chart").asText("");
        if (!Panel.CHARTS.contains(chart)) {
            problems.add(at + "chart: one of line, bar, pie, map, table, number; got '" + chart + "'");
        }
        int width = p.path("width").asInt(1);
        if (width < 1 || width > 3) {
            problems.add(at + "width: 1, 2 or 3, got " + width);
        }
        Aggregation agg = aggregation(p.path("aggregation"), at + "aggregation.", problems);
        if (agg != null && Panel.CHARTS.contains(chart)) {
            fits(agg, chart, at, problems);
        }
        return new Panel(title, index, p.path("query").asText(""), agg, chart, width);
    }

    private static Aggregation aggregation(JsonNode a, String at, List<String> problems) {
        if (!a.isObject()) {
            problems.add(at.substring(0, at.length() - 1) + ": an object with a type");
            return null;
        }
        unknownKeys(a, Aggregation.KEYS, at, problems);
        String type = a.path("type").asText("");
        if (!Aggregation.TYPES.contains(type)) {
            problems.add(at + "type: one of count, cardinality, date_histogram, terms; got '" + type + "'");
            return null;
        }
        String field = a.path("field").asText(type.equals("date_histogram") ? "@timestamp" : "");
        if (field.isEmpty() && (type.equals("terms") || type.equals("cardinality"))) {
            problems.add(at + "field: required for " + type);
        }
        int size = a.path("size").asInt(10);
        if (size < 1 || size > 500) {
            problems.add(at + "size: 1 to 500, got " + size);
        }
        List<String> details = new ArrayList<>();
        a.path("details").forEach(d -> details.add(d.asText()));
        String split = a.hasNonNull("split") ? a.get("split").asText() : null;
        return new Aggregation(type, field, size, split, details);
    }

    private static void fits(Aggregation agg, String chart, String at, List<String> problems) {
        boolean ok;
        switch (agg.type()) {
            case "count":
            case "cardinality":
                ok = chart.equals("number");
                break;
            case "date_histogram":
                ok = chart.equals("line") || chart.equals("bar");
                break;
            default:
                ok = !chart.equals("line") && !chart.equals("number");
                break;
        }
        if (!ok) {
            problems.add(at + "chart: a " + agg.type() + " cannot be drawn as " + chart
                    + " (count/cardinality: number; date_histogram: line or bar; terms: bar, pie, map or table)");
        }
    }

    private static void unknownKeys(JsonNode json, Set<String> known, String at, List<String> problems) {
        json.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(at + k + ": unknown key; known: " + known.stream().sorted().toList());
            }
        });
    }

    /** The API and file shape. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("description", description);
        m.put("built_in", builtIn);
        m.put("panels", panels.stream().map(Dashboard::panelJson).toList());
        return m;
    }

    private static Map<String, Object> panelJson(Panel p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", p.title());
        m.put("index", p.index());
        m.put("query", p.query());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", p.aggregation().type());
        if (!p.aggregation().field().isEmpty()) {
            a.put("field", p.aggregation().field());
        }
        if (p.aggregation().type().equals("terms")) {
            a.put("size", p.aggregation().size());
        }
        if (p.aggregation().split() != null) {
            a.put("split", p.aggregation().split());
        }
        if (!p.aggregation().details().isEmpty()) {
            a.put("details", p.aggregation().details());
        }
        m.put("aggregation", a);
        m.put("chart", p.chart());
        m.put("width", p.width());
        return m;
    }
}
