package io.vigil.detect;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import io.vigil.rules.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The per-rule state machine of one rule type. {@link #accept} takes one event that matches the
 * rule's query, at its event time, and adds the signals it causes. Not thread-safe: the engine
 * serialises calls.
 */
abstract class RuleState {
    final Rule rule;
    final Limits limits;
    long evictions;

    RuleState(Rule rule, Limits limits) {
        this.rule = rule;
        this.limits = limits;
    }

    /** @param emit false while warming up from stored events: state changes, nothing fires */
    abstract void accept(Event event, long time, boolean emit, List<Signal> out);

    abstract int groups();

    static RuleState create(Rule rule, Limits engineLimits, List<Predicate<Event>> stepMatchers) {
        Limits limits = rule.maxGroups() == null ? engineLimits
                : new Limits(rule.maxGroups(), engineLimits.maxEntriesPerGroup(), engineLimits.lateness());
        Detection d = rule.detection();
        if (d instanceof Detection.Threshold t) {
            return new Windowed(rule, limits, t.levels(), null);
        }
        if (d instanceof Detection.Cardinality c) {
            return new Windowed(rule, limits, c.levels(), c.field());
        }
        if (d instanceof Detection.Sequence s) {
            return new SequenceState(rule, limits, s, stepMatchers);
        }
        if (d instanceof Detection.NewTerms n) {
            return new NewTermsState(rule, limits, n);
        }
        return new MatchState(rule, limits);
    }

    /** The group-by values of an event, or null when one is missing (such events form no group). */
    List<String> groupOf(Event e) {
        if (rule.groupBy().isEmpty()) {
            return List.of();
        }
        List<String> key = new ArrayList<>(rule.groupBy().size());
        for (String f : rule.groupBy()) {
            String v = e.getString(f);
            if (v == null) {
                return null;
            }
            key.add(v);
        }
        return key;
    }

    Map<String, Object> groupMap(List<String> key) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            m.put(rule.groupBy().get(i), key.get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    static String message(Event e) {
        String m = e.getString(Ecs.MESSAGE);
        return m == null ? null : m.length() > 2_000 ? m.substring(0, 2_000) : m;
    }

    /** A signal from entries [from, to) of a series. */
    Signal signal(Severity severity, List<String> key, long count, TimeSeries s, int from, int to, long at) {
        List<String> ids = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (int i = Math.max(from, to - Signal.MAX_IDS); i < to; i++) {
            ids.add(s.ids[i]);
        }
        for (int i = Math.max(from, to - Signal.MAX_SAMPLES); i < to; i++) {
            if (s.messages[i] != null) {
                samples.add(s.messages[i]);
            }
        }
        return new Signal(rule.id(), severity, groupMap(key), count, Instant.ofEpochMilli(s.times[from]),
                Instant.ofEpochMilli(s.times[to - 1]), Instant.ofEpochMilli(at), ids, samples);
    }

    /** Least-recently-used map of groups, evicting beyond {@code maxGroups} and counting it. */
    final class Groups<V> extends LinkedHashMap<List<String>, V> {
        private static final long serialVersionUID = 1L;

        Groups() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, V> eldest) {
            if (size() > limits.maxGroups()) {
                evictions++;
                return true;
            }
            return false;
        }
    }
}
