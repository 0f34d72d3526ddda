package io.vigil.detect;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.EventQueryParser;
import io.vigil.query.QueryMatcher;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Applies enabled rules to events by event time and returns the signals they raise.
 *
 * <p>Used two ways with the same code: streaming (batches as they are stored) and historical (a
 * fresh engine fed stored events in time order, see {@link HistoricalEvaluator}). Rules whose
 * query requires particular {@code event.dataset} values are only offered events of those
 * datasets. Thread-safe: calls are serialised.
 */
public final class DetectionEngine {
    private final Limits limits;
    private final Function<String, FieldType> types;
    private final Map<String, Compiled> rules = new LinkedHashMap<>();
    /** Which compiled rules see which events; replaced whole when the rules change, never mutated. */
    private volatile Routing routing = new Routing(Map.of(), List.of());

    private record Routing(Map<String, List<Compiled>> byDataset, List<Compiled> anyDataset) {}

    /** A rule ready to run: its matchers, dataset filter and state. */
    private static final class Compiled {
        final Rule rule;
        final QueryMatcher query;
        final Set<String> datasets;
        final RuleState state;
        /** Fields the queries name that the store had not seen at compile time. */
        final Set<String> unknownFields;

        Compiled(Rule rule, QueryMatcher query, Set<String> datasets, RuleState state, Set<String> unknownFields) {
            this.rule = rule;
            this.query = query;
            this.datasets = datasets;
            this.state = state;
            this.unknownFields = unknownFields;
        }
    }

    /** Event time, then id: events of the same instant are taken in one defined order. */
    public static final Comparator<Event> ORDER = Comparator.comparing(DetectionEngine::time)
            .thenComparing(e -> e.id() == null ? "" : e.id());

    /** @param types field types as the store knows them, for typed query semantics */
    public DetectionEngine(Limits limits, Function<String, FieldType> types) {
        this.limits = limits;
        this.types = types;
    }

    /**
     * Replaces the rule set. A rule whose definition is unchanged keeps its state; disabled rules
     * are dropped.
     *
     * @throws io.vigil.query.QueryException when a query is invalid (rules are validated before)
     */
    public synchronized void setRules(Collection<Rule> newRules) {
        Map<String, Compiled> next = new LinkedHashMap<>();
        for (Rule rule : newRules) {
            if (!rule.enabled()) {
                continue;
            }
            Compiled existing = rules.get(rule.id());
            next.put(rule.id(), existing != null && existing.rule.equals(rule) ? existing : compile(rule));
        }
        rules.clear();
        rules.putAll(next);
        Map<String, List<Compiled>> byDataset = new HashMap<>();
        List<Compiled> anyDataset = new ArrayList<>();
        for (Compiled c : rules.values()) {
            if (c.datasets == null) {
                anyDataset.add(c);
            } else {
                for (String d : c.datasets) {
                    byDataset.computeIfAbsent(d, k -> new ArrayList<>()).add(c);
                }
            }
        }
        byDataset.replaceAll((d, list) -> List.copyOf(list));
        routing = new Routing(Map.copyOf(byDataset), List.copyOf(anyDataset));
    }

    private Compiled compile(Rule rule) {
        Set<String> unknown = new HashSet<>();
        Function<String, FieldType> recording = f -> {
            FieldType t = types.apply(f);
            if (t == null) {
                unknown.add(f);
            }
            return t;
        };
        QueryMatcher query = QueryMatcher.compile(rule.query(), recording);
        List<Predicate<Event>> steps = new ArrayList<>();
        Set<String> datasets = datasets(rule.query());
        if (rule.detection() instanceof Detection.Sequence s) {
            Set<String> union = datasets == null ? new HashSet<>() : null;
            for (Detection.Step step : s.steps()) {
                QueryMatcher m = QueryMatcher.compile(step.query(), recording);
                steps.add(m::matches);
                if (union != null) {
                    Set<String> d = datasets(step.query());
                    if (d == null) {
                        union = null;
                    } else {
                        union.addAll(d);
                    }
                }
            }
            if (datasets == null) {
                datasets = union;
            }
        }
        unknown.remove("_exists_");
        return new Compiled(rule, query, datasets, RuleState.create(rule, limits, steps), Set.copyOf(unknown));
    }

    /**
     * A query naming a field the store had never seen matches nothing on it (as a search would);
     * once the field appears, the rule is compiled again so that it sees the new field.
     */
    private void recompileWhenFieldsAppear() {
        boolean changed = false;
        for (Map.Entry<String, Compiled> e : rules.entrySet()) {
            Compiled c = e.getValue();
            if (!c.unknownFields.isEmpty() && c.unknownFields.stream().anyMatch(f -> types.apply(f) != null)) {
                e.setValue(compile(c.rule));
                changed = true;
            }
        }
        if (changed) {
            setRules(rules.values().stream().map(c -> c.rule).toList());
        }
    }

    /** The event.dataset values a query requires, or null when it does not restrict them. */
    private Set<String> datasets(String queryString) {
        Query q = EventQueryParser.parse(queryString, types);
        return required(q);
    }

    private static Set<String> required(Query q) {
        if (q instanceof TermQuery t && t.getTerm().field().equals(Ecs.EVENT_DATASET)) {
            return Set.of(t.getTerm().text());
        }
        if (q instanceof BooleanQuery b) {
            List<BooleanClause> clauses = b.clauses();
            for (BooleanClause c : clauses) {
                if (c.getOccur() == BooleanClause.Occur.MUST || c.getOccur() == BooleanClause.Occur.FILTER) {
                    Set<String> s = required(c.getQuery());
                    if (s != null) {
                        return s;
                    }
                }
            }
            boolean allShould = !clauses.isEmpty() && clauses.stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD);
            if (allShould) {
                Set<String> union = new HashSet<>();
                for (BooleanClause c : clauses) {
                    Set<String> s = required(c.getQuery());
                    if (s == null) {
                        return null;
                    }
                    union.addAll(s);
                }
                return union;
            }
        }
        return null;
    }

    /**
     * Evaluates events (sorted by time first) and returns the signals raised, in order.
     *
     * <p>Matching the rules' queries, most of the work, runs outside the engine's lock (matchers
     * are immutable and the events are the caller's), so concurrent batches match in parallel;
     * only the state updates are serialised, in event-time order within a batch. When the rules
     * change between the two steps, the batch is matched again under the lock.
     */
    public List<Signal> process(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(ORDER);
        Routing seen;
        synchronized (this) {
            if (rules.isEmpty()) {
                return new ArrayList<>();
            }
            recompileWhenFieldsAppear();
            seen = routing;
        }
        List<List<Compiled>> matched = match(seen, ordered);
        synchronized (this) {
            if (routing != seen) {
                matched = match(routing, ordered);
            }
            List<Signal> out = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Event e = ordered.get(i);
                long t = time(e).toEpochMilli();
                for (Compiled c : matched.get(i)) {
                    c.state.accept(e, t, true, out);
                }
            }
            return out;
        }
    }

    /** For each event, the rules whose query it matches, in rule order. */
    private static List<List<Compiled>> match(Routing r, List<Event> ordered) {
        List<List<Compiled>> matched = new ArrayList<>(ordered.size());
        for (Event e : ordered) {
            List<Compiled> hits = null;
            String dataset = e.getString(Ecs.EVENT_DATASET);
            List<Compiled> specific = dataset == null ? null : r.byDataset().get(dataset);
            if (specific != null) {
                for (Compiled c : specific) {
                    hits = c.query.matches(e) ? add(hits, c) : hits;
                }
            }
            for (Compiled c : r.anyDataset()) {
                hits = c.query.matches(e) ? add(hits, c) : hits;
            }
            matched.add(hits == null ? List.of() : hits);
        }
        return matched;
    }

    private static List<Compiled> add(List<Compiled> hits, Compiled c) {
        List<Compiled> out = hits == null ? new ArrayList<>(2) : hits;
        out.add(c);
        return out;
    }

    /** Feeds events into rule state without raising signals (rebuilding state after a restart). */
    public synchronized void warm(List<Event> events) {
        run(events, false);
    }

    /** Feeds stored events into one rule's state without raising signals. */
    public synchronized void warm(String ruleId, List<Event> events) {
        Compiled c = rules.get(ruleId);
        if (c == null) {
            return;
        }
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(ORDER);
        List<Signal> ignored = new ArrayList<>();
        for (Event e : ordered) {
            offer(c, e, time(e), false, ignored);
        }
    }

    private List<Signal> run(List<Event> events, boolean emit) {
        List<Signal> out = new ArrayList<>();
        if (rules.isEmpty()) {
            return out;
        }
        recompileWhenFieldsAppear();
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(ORDER);
        Routing r = routing;
        for (Event e : ordered) {
            Instant t = time(e);
            String dataset = e.getString(Ecs.EVENT_DATASET);
            List<Compiled> specific = dataset == null ? null : r.byDataset().get(dataset);
            if (specific != null) {
                for (Compiled c : specific) {
                    offer(c, e, t, emit, out);
                }
            }
            for (Compiled c : r.anyDataset()) {
                offer(c, e, t, emit, out);
            }
        }
        return out;
    }

    private static void offer(Compiled c, Event e, Instant t, boolean emit, List<Signal> out) {
        if (c.query.matches(e)) {
            c.state.accept(e, t.toEpochMilli(), emit, out);
        }
    }

    static Instant time(Event e) {
        Instant t = e.timestamp();
        if (t != null) {
            return t;
        }
        Instant parsed = e.get(Ecs.TIMESTAMP) == null ? null : io.vigil.parse.Timestamps.iso(e.getString(Ecs.TIMESTAMP));
        return parsed == null ? Instant.EPOCH : parsed;
    }

    /** Enabled rules currently compiled. */
    public synchronized List<Rule> rules() {
        return rules.values().stream().map(c -> c.rule).toList();
    }

    /** State entries evicted because a rule reached its limits, all rules together. */
    public synchronized long evictions() {
        return rules.values().stream().mapToLong(c -> c.state.evictions).sum();
    }

    /** Groups held in state, all rules together. */
    public synchronized long activeGroups() {
        return rules.values().stream().mapToLong(c -> c.state.groups()).sum();
    }
}
