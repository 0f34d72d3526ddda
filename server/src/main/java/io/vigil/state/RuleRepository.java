package io.vigil.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.EventJson;
import io.vigil.rules.Rule;
import io.vigil.rules.RuleException;
import io.vigil.rules.RuleFormat;
import io.vigil.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rules in force: the built-in pack, user rules, and user changes to built-in rules
 * ("tuned": thresholds, window, throttle, actions, enabled), persisted in
 * {@code DATA/state/rules.json}. Every change is saved atomically and announced to the listener
 * (the detection engine), so it applies without a restart. Thread-safe.
 */
public final class RuleRepository {
    /** A rule as the API shows it: the effective rule, where it comes from, and how it differs from the built-in. */
    public record Entry(Rule rule, boolean builtIn, boolean tuned, Map<String, Object> changes) {}

    private final Path file;
    private final Map<String, Rule> builtIns;
    private final Map<String, Rule> custom = new LinkedHashMap<>();
    private final Map<String, Rule> overrides = new LinkedHashMap<>();
    private final Consumer<List<Rule>> listener;

    public RuleRepository(Path dataDir, Map<String, Rule> builtIns, Consumer<List<Rule>> listener) throws IOException {
        this.file = Files.createDirectories(dataDir.resolve("state")).resolve("rules.json");
        this.builtIns = Map.copyOf(builtIns);
        this.listener = listener;
        if (Files.exists(file)) {
            Map<String, Map<String, Map<String, Object>>> stored = EventJson.MAPPER.readValue(file.toFile(),
                    new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {});
            stored.getOrDefault("custom", Map.of()).forEach((id, m) -> custom.put(id, RuleFormat.fromMap(m, file + " custom." + id)));
            stored.getOrDefault("overrides", Map.of()).forEach((id, m) -> {
                if (builtIns.containsKey(id)) {
                    overrides.put(id, RuleFormat.fromMap(m, file + " overrides." + id));
                }
            });
        }
        announce();
    }

    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (Rule b : builtIns.values().stream().sorted(java.util.Comparator.comparing(Rule::id)).toList()) {
            out.add(entry(b.id()).orElseThrow());
        }
        for (Rule c : custom.values()) {
            out.add(new Entry(c, false, false, Map.of()));
        }
        return out;
    }

    public synchronized Optional<Entry> entry(String id) {
        Rule builtIn = builtIns.get(id);
        if (builtIn != null) {
            Rule override = overrides.get(id);
            return Optional.of(override == null ? new Entry(builtIn, true, false, Map.of())
                    : new Entry(override, true, true, changes(builtIn, override)));
        }
        Rule c = custom.get(id);
        return c == null ? Optional.empty() : Optional.of(new Entry(c, false, false, Map.of()));
    }

    /** Enabled and disabled rules in force. */
    public synchronized List<Rule> effective() {
        return list().stream().map(Entry::rule).toList();
    }

    /** Adds a user rule; refuses an id already taken. */
    public synchronized Entry create(Rule rule) throws IOException {
        if (builtIns.containsKey(rule.id()) || custom.containsKey(rule.id())) {
            throw new RuleException(List.of(new RuleProblem("api", 0, "id", "a rule with id " + rule.id() + " already exists")));
        }
        custom.put(rule.id(), rule);
        save();
        return entry(rule.id()).orElseThrow();
    }

    /** Replaces a user rule, or tunes a built-in one (kept as an override that can be reset). */
    public synchronized Entry update(Rule rule) throws IOException {
        if (builtIns.containsKey(rule.id())) {
            Rule builtIn = builtIns.get(rule.id());
            if (builtIn.equals(rule)) {
                overrides.remove(rule.id());
            } else {
                overrides.put(rule.id(), rule);
            }
        } else if (custom.containsKey(rule.id())) {
            custom.put(rule.id(), rule);
        } else {
            throw new java.util.NoSuchElementException("no rule " + rule.id());
        }
        save();
        return entry(rule.id()).orElseThrow();
    }

    public synchronized Entry setEnabled(String id, boolean enabled) throws IOException {
        Entry e = entry(id).orElseThrow(() -> new java.util.NoSuchElementException("no rule " + id));
        return update(e.rule().withEnabled(enabled));
    }

    /** Deletes a user rule. Built-in rules cannot be deleted (disable them instead). */
    public synchronized void delete(String id) throws IOException {
        if (builtIns.containsKey(id)) {
            throw new IllegalArgumentException("rule " + id + " is built in: it cannot be deleted, but it can be disabled");
        }
        if (custom.remove(id) == null) {
            throw new java.util.NoSuchElementException("no rule " + id);
        }
        save();
    }

    /** Drops the changes made to a built-in rule. */
    public synchronized Entry reset(String id) throws IOException {
        if (!builtIns.containsKey(id)) {
            throw new IllegalArgumentException("rule " + id + " is not built in; there is nothing to reset to");
        }
        overrides.remove(id);
        save();
        return entry(id).orElseThrow();
    }

    /** The top-level settings whose values differ: {@code {"window": {"built_in": "5m", "now": "10m"}}}. */
    private static Map<String, Object> changes(Rule builtIn, Rule now) {
        Map<String, Object> a = builtIn.toMap();
        Map<String, Object> b = now.toMap();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : a.keySet()) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                Map<String, Object> diff = new LinkedHashMap<>();
                diff.put("built_in", a.get(key));
                diff.put("now", b.get(key));
                out.put(key, diff);
            }
        }
        for (String key : b.keySet()) {
            if (!a.containsKey(key)) {
                Map<String, Object> diff = new LinkedHashMap<>();
                diff.put("built_in", null);
                diff.put("now", b.get(key));
                out.put(key, diff);
            }
        }
        return out;
    }

    private void save() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        custom.forEach((id, r) -> c.put(id, r.toMap()));
        Map<String, Object> o = new LinkedHashMap<>();
        overrides.forEach((id, r) -> o.put(id, r.toMap()));
        out.put("custom", c);
        out.put("overrides", o);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), out);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        announce();
    }

    private void announce() {
        listener.accept(effective());
    }
}
