package io.vigil.detect;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule over stored events: what would it have fired in [from, to)? The store selects the
 * events (the rule's query, and each sequence step's), a fresh {@link DetectionEngine} applies
 * the same state machines as streaming detection. Events in the look-back before {@code from}
 * (window, sequence span, new-terms history) prime the state without firing.
 */
public final class HistoricalEvaluator {
    private final EventStore store;
    private final java.util.function.Function<String, FieldType> types;
    private final int maxEvents;

    /** @param maxEvents most events read for one evaluation; beyond it the result says truncated */
    public HistoricalEvaluator(EventStore store, java.util.function.Function<String, FieldType> types, int maxEvents) {
        this.store = store;
        this.types = types;
        this.maxEvents = maxEvents;
    }

    /** The signals of one evaluation, and whether the event limit cut it short. */
    public record Result(List<Signal> signals, long eventsRead, boolean truncated) {}

    public Result evaluate(Rule rule, Instant from, Instant to) throws IOException {
        Duration lookBack = lookBack(rule);
        DetectionEngine engine = new DetectionEngine(Limits.defaults(), types);
        engine.setRules(List.of(rule.withEnabled(true)));
        String query = selection(rule);
        List<Event> prime = read(query, from.minus(lookBack), from);
        List<Event> events = read(query, from, to);
        prime.sort(DetectionEngine.ORDER);
        events.sort(DetectionEngine.ORDER);
        engine.warm(prime);
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 1_000) {
            signals.addAll(engine.process(events.subList(i, Math.min(events.size(), i + 1_000))));
        }
        long read = prime.size() + events.size();
        return new Result(signals, read, read >= maxEvents);
    }

    /** The stored events a rule looks at in [from, to), oldest first (at most {@code maxEvents}). */
    public List<Event> selected(Rule rule, Instant from, Instant to) throws IOException {
        List<Event> events = read(selection(rule), from, to);
        events.sort(DetectionEngine.ORDER);
        return events;
    }

    /** How far back a rule's state reaches: its window, sequence span or new-terms history. */
    public static Duration lookBack(Rule rule) {
        Detection d = rule.detection();
        if (d instanceof Detection.Sequence s) {
            return s.maxSpan();
        }
        if (d instanceof Detection.NewTerms n) {
            return n.history();
        }
        return rule.window() == null ? Duration.ZERO : rule.window();
    }

    /** The stored events a rule can look at: its query, or for a sequence any of its steps. */
    private static String selection(Rule rule) {
        String base = rule.query().isBlank() ? "*" : "(" + rule.query() + ")";
        if (rule.detection() instanceof Detection.Sequence s) {
            String steps = String.join(" OR ", s.steps().stream().map(st -> "(" + st.query() + ")").toList());
            return base.equals("*") ? steps : base + " AND (" + steps + ")";
        }
        return base;
    }

    private List<Event> read(String query, Instant from, Instant to) throws IOException {
        List<Event> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        // Page forward in time, oldest first; a page restarts at the last time seen and skips the
        // events of that instant already read.
        Instant pageFrom = from;
        java.util.Set<String> atBoundary = new java.util.HashSet<>();
        while (out.size() < maxEvents) {
            List<Event> page = store.search(new SearchRequest(query, new TimeRange(pageFrom, to), SearchRequest.MAX_SIZE,
                    new Sort("@timestamp", false), Map.of())).hits();
            int added = 0;
            for (Event e : page) {
                if (!atBoundary.contains(e.id())) {
                    out.add(e);
                    added++;
                }
            }
            if (page.size() < SearchRequest.MAX_SIZE || added == 0) {
                break;
            }
            Instant last = page.get(page.size() - 1).timestamp();
            atBoundary.clear();
            for (Event e : page) {
                if (last.equals(e.timestamp())) {
                    atBoundary.add(e.id());
                }
            }
            pageFrom = last;
        }
        return out;
    }
}
