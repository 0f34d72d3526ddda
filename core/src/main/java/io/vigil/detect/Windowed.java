package io.vigil.detect;

import io.vigil.event.Event;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import io.vigil.rules.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code threshold} and {@code cardinality}: for the window (t - window, t] ending at an event's
 * time t, the number of events (or of distinct values of a field) in its group meets a level.
 * A late event is placed in time and the windows ending at it and at later events of its group
 * are re-evaluated; the first one that meets a level fires.
 */
final class Windowed extends RuleState {
    private final List<Detection.Level> levels;
    private final String distinctField;
    private final long window;
    private final Groups<TimeSeries> groups = new Groups<>();

    Windowed(Rule rule, Limits limits, List<Detection.Level> levels, String distinctField) {
        super(rule, limits);
        this.levels = levels;
        this.distinctField = distinctField;
        this.window = rule.window().toMillis();
    }

    @Override
    void accept(Event event, long time, boolean emit, List<Signal> out) {
        List<String> key = groupOf(event);
        if (key == null) {
            return;
        }
        Object value = null;
        if (distinctField != null) {
            value = event.getString(distinctField);
            if (value == null) {
                return;
            }
        }
        TimeSeries s = groups.computeIfAbsent(key, k -> new TimeSeries());
        int at = s.insert(time, event.id(), value, message(event));
        long keepFrom = s.last() - window - limits.lateness().toMillis();
        int evicted = s.lowerBound(keepFrom);
        if (s.size - evicted > limits.maxEntriesPerGroup()) {
            evictions += s.size - evicted - limits.maxEntriesPerGroup();
            evicted = s.size - limits.maxEntriesPerGroup();
        }
        if (evicted > at) {
            s.removeFirst(evicted);
            return; // later than allowed: kept out of every window
        }
        s.removeFirst(evicted);
        at -= evicted;
        if (!emit) {
            return;
        }
        for (int j = at; j < s.size && s.times[j] <= time + window; j++) {
            long end = s.times[j];
            int to = s.upperBound(end);
            int from = s.upperBound(end - window);
            long count = distinctField == null ? to - from : distinct(s, from, to);
            Severity severity = level(count);
            if (severity != null) {
                out.add(signal(severity, key, count, s, from, to, end));
                return;
            }
            j = to - 1;
        }
    }

    private static long distinct(TimeSeries s, int from, int to) {
        Set<Object> seen = new HashSet<>();
        for (int i = from; i < to; i++) {
            seen.add(s.values[i]);
        }
        return seen.size();
    }

    /** The severity of the highest level the count meets, or null. */
    private Severity level(long count) {
        Severity best = null;
        long bestMin = -1;
        for (Detection.Level l : levels) {
            if (l.count().test(count) && l.count().minimum() > bestMin) {
                best = l.severity();
                bestMin = l.count().minimum();
            }
        }
        return best;
    }

    @Override
    int groups() {
        return groups.size();
    }
}
