package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.vigil.detect.HistoricalEvaluator;
import io.vigil.detect.Signal;
import io.vigil.event.EventJson;
import io.vigil.query.DateMath;
import io.vigil.rules.Rule;
import io.vigil.rules.RuleException;
import io.vigil.rules.RuleFormat;
import io.vigil.rules.RuleProblem;
import io.vigil.state.RuleRepository;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * {@code /api/v1/rules}: list with filters, get, create, update (tune), delete, enable, disable,
 * reset a tuned built-in rule, preview over stored events, import and export as YAML.
 */
final class RuleRoutes {
    private final RuleRepository rules;
    private final EventStore events;
    private final Clock clock;

    RuleRoutes(RuleRepository rules, EventStore events, Clock clock) {
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    void list(Context ctx) {
        String q = lower(ctx.queryParam("q"));
        String severity = lower(ctx.queryParam("severity"));
        String tag = ctx.queryParam("tag");
        String source = ctx.queryParam("source");
        String enabled = ctx.queryParam("enabled");
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleRepository.Entry e : rules.list()) {
            Rule r = e.rule();
            if (q != null && !(r.id() + " " + r.title() + " " + r.description()).toLowerCase(Locale.ROOT).contains(q)) {
                continue;
            }
            if (severity != null && !r.severity().id().equals(severity)) {
                continue;
            }
            if (tag != null && r.tags().stream().noneMatch(t -> t.equals(tag) || t.startsWith(tag + "."))) {
                continue;
            }
            if (source != null && r.dataSources().stream().noneMatch(s -> s.equals(source) || s.startsWith(source + "."))) {
                continue;
            }
            if (enabled != null && r.enabled() != Boolean.parseBoolean(enabled)) {
                continue;
            }
            out.add(json(e));
        }
        Responses.json(ctx, 200, Map.of("total", out.size(), "rules", out));
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> json(RuleRepository.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>(e.rule().toMap());
        m.put("builtin", e.builtIn());
        m.put("tuned", e.tuned());
        if (e.tuned()) {
            m.put("changes", e.changes());
        }
        return m;
    }

    void get(Context ctx) {
        RuleRepository.Entry e = entry(ctx.pathParam("id"));
        if ("yaml".equals(ctx.queryParam("format"))) {
            ctx.contentType("application/yaml").result(yaml(List.of(e.rule())));
            return;
        }
        Responses.json(ctx, 200, json(e));
    }

    private RuleRepository.Entry entry(String id) {
        return rules.entry(id).orElseThrow(() -> new HttpError(404, "no rule " + id));
    }

    void create(Context ctx) throws IOException {
        Rule rule = ruleFromBody(ctx, null);
        Responses.json(ctx, 201, json(rules.create(rule)));
    }

    void update(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        entry(id);
        Rule rule = ruleFromBody(ctx, id);
        if (!rule.id().equals(id)) {
            throw new HttpError(400, "the body's id " + rule.id() + " differs from the path's " + id);
        }
        Responses.json(ctx, 200, json(rules.update(rule)));
    }

    void delete(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        entry(id);
        try {
            rules.delete(id);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        ctx.status(204);
    }

    void enable(Context ctx) throws IOException {
        entry(ctx.pathParam("id"));
        Responses.json(ctx, 200, json(rules.setEnabled(ctx.pathParam("id"), true)));
    }

    void disable(Context ctx) throws IOException {
        entry(ctx.pathParam("id"));
        Responses.json(ctx, 200, json(rules.setEnabled(ctx.pathParam("id"), false)));
    }

    void reset(Context ctx) throws IOException {
        entry(ctx.pathParam("id"));
        try {
            Responses.json(ctx, 200, json(rules.reset(ctx.pathParam("id"))));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /**
     * {@code {"rule": {...}} or {"id": "..."}, "from": "now-24h", "to": "now"}: what the rule
     * would have fired, computed over stored events by the historical evaluator.
     */
    void preview(Context ctx) throws IOException {
        JsonNode body = EventJson.MAPPER.readTree(ctx.bodyInputStream());
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "body must be {\"rule\": {...}} or {\"id\": \"...\"}, with optional from and to");
        }
        Rule rule;
        if (body.has("rule")) {
            Map<?, ?> map = EventJson.MAPPER.convertValue(body.get("rule"), Map.class);
            rule = RuleFormat.fromMap(map, "preview");
        } else if (body.has("id")) {
            rule = entry(body.get("id").asText()).rule();
        } else {
            throw new HttpError(400, "give the rule to preview as \"rule\" or the id of a stored one as \"id\"");
        }
        Instant now = clock.instant();
        Instant from = DateMath.parse(body.path("from").asText("now-24h"), now);
        Instant to = DateMath.parse(body.path("to").asText("now"), now);
        events.refresh(); // include what was ingested a moment ago
        HistoricalEvaluator.Result result = new HistoricalEvaluator(events, events::fieldType, 1_000_000).evaluate(rule, from, to);
        Map<String, Long> perHour = new TreeMap<>();
        for (Signal s : result.signals()) {
            perHour.merge(s.at().truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString(), 1L, Long::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", rule.id());
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("signals", result.signals().size());
        out.put("groups", result.signals().stream().map(Signal::group).distinct().count());
        out.put("events_read", result.eventsRead());
        out.put("truncated", result.truncated());
        out.put("per_hour", perHour);
        out.put("firings", result.signals().stream().limit(100).map(RuleRoutes::signal).toList());
        Responses.json(ctx, 200, out);
    }

    private static Map<String, Object> signal(Signal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.at().toString());
        m.put("severity", s.severity().id());
        m.put("group", s.group());
        m.put("count", s.count());
        m.put("first_seen", s.firstSeen().toString());
        m.put("last_seen", s.lastSeen().toString());
        m.put("event_ids", s.eventIds());
        m.put("samples", s.samples());
        return m;
    }

    /** YAML, one or more documents separated by {@code ---}; all are validated before any is saved. */
    void importYaml(Context ctx) throws IOException {
        String text = new String(ctx.bodyInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Rule> parsed = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        int n = 0;
        for (String doc : text.split("(?m)^---\\s*$")) {
            n++;
            if (doc.isBlank()) {
                continue;
            }
            try {
                parsed.add(RuleFormat.parseYaml(doc, "document " + n));
            } catch (RuleException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleException(problems);
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (Rule r : parsed) {
            if (rules.entry(r.id()).isPresent()) {
                rules.update(r);
                updated.add(r.id());
            } else {
                rules.create(r);
                created.add(r.id());
            }
        }
        Responses.json(ctx, 200, Map.of("created", created, "updated", updated));
    }

    void exportYaml(Context ctx) {
        ctx.contentType("application/yaml").header("Content-Disposition", "attachment; filename=\"vigil-rules.yml\"")
                .result(yaml(rules.effective()));
    }

    private static String yaml(List<Rule> list) {
        Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
        StringBuilder sb = new StringBuilder();
        for (Rule r : list) {
            if (sb.length() > 0) {
                sb.append("---\n");
            }
            sb.append(dump.dumpToString(r.toMap()));
        }
        return sb.toString();
    }

    private static Rule ruleFromBody(Context ctx, String id) throws IOException {
        String ct = ctx.contentType() == null ? "" : ctx.contentType();
        byte[] body = ctx.bodyInputStream().readAllBytes();
        if (ct.contains("yaml")) {
            return RuleFormat.parseYaml(new String(body, StandardCharsets.UTF_8), "request body");
        }
        Object parsed;
        try {
            parsed = EventJson.MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            throw new HttpError(400, "body is not valid JSON (send YAML with Content-Type: application/yaml): " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new HttpError(400, "a rule must be a JSON object");
        }
        Map<Object, Object> m = new LinkedHashMap<>(map);
        m.remove("builtin");
        m.remove("tuned");
        m.remove("changes");
        if (id != null) {
            m.putIfAbsent("id", id);
        }
        return RuleFormat.fromMap(m, "request body");
    }

    static Object loadYaml(String s) {
        return new Load(LoadSettings.builder().build()).loadFromString(s);
    }
}
