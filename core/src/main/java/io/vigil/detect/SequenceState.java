package io.vigil.detect;

import io.vigil.event.Event;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code sequence}: for each group, events matching step 1 (as many as its count), then step 2,
 * ..., the last step, in time order, all within {@code maxSpan}. Fires at the time of the last
 * step's event that completes a sequence (once per such event). Earlier steps take the latest
 * qualifying events, so any completion is found. A late event of an earlier step re-checks the
 * last-step events within {@code maxSpan} after it.
 */
final class SequenceState extends RuleState {
    private final List<Detection.Step> steps;
    private final List<Predicate<Event>> matchers;
    private final long maxSpan;
    private final Groups<Group> groups = new Groups<>();

    private static final class Group {
        final TimeSeries[] series;
        final Set<String> firedEnds = new HashSet<>();

        Group(int steps) {
            series = new TimeSeries[steps];
            for (int i = 0; i < steps; i++) {
                series[i] = new TimeSeries();
            }
        }
    }

    SequenceState(Rule rule, Limits limits, Detection.Sequence sequence, List<Predicate<Event>> matchers) {
        super(rule, limits);
        this.steps = sequence.steps();
        this.matchers = matchers;
        this.maxSpan = sequence.maxSpan().toMillis();
    }

    @Override
    void accept(Event event, long time, boolean emit, List<Signal> out) {
        List<String> key = groupOf(event);
        if (key == null) {
            return;
        }
        Group g = null;
        boolean matchedAny = false;
        for (int i = 0; i < steps.size(); i++) {
            if (matchers.get(i).test(event)) {
                if (g == null) {
                    g = groups.computeIfAbsent(key, k -> new Group(steps.size()));
                }
                g.series[i].insert(time, event.id(), null, message(event));
                matchedAny = true;
            }
        }
        if (!matchedAny) {
            return;
        }
        evict(g);
        if (!emit) {
            return;
        }
        TimeSeries last = g.series[steps.size() - 1];
        for (int j = last.lowerBound(time); j < last.size && last.times[j] <= time + maxSpan; j++) {
            if (!g.firedEnds.contains(last.ids[j]) && complete(g, j, key, out)) {
                g.firedEnds.add(last.ids[j]);
                return;
            }
        }
    }

    private boolean complete(Group g, int endIndex, List<String> key, List<Signal> out) {
        TimeSeries last = g.series[steps.size() - 1];
        long end = last.times[endIndex];
        long start = end - maxSpan;
        List<int[]> used = new ArrayList<>(); // {step, from, to}
        int k = (int) steps.get(steps.size() - 1).count().minimum();
        int lastFrom = endIndex + 1 - k;
        if (lastFrom < 0 || last.times[lastFrom] < start) {
            return false;
        }
        used.add(new int[] {steps.size() - 1, lastFrom, endIndex + 1});
        long bound = last.times[lastFrom];
        for (int i = steps.size() - 2; i >= 0; i--) {
            TimeSeries s = g.series[i];
            int need = (int) steps.get(i).count().minimum();
            int hi = s.upperBound(bound);
            int lo = s.lowerBound(start);
            if (hi - lo < need) {
                return false;
            }
            used.add(new int[] {i, hi - need, hi});
            bound = s.times[hi - need];
        }
        List<String> ids = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        long count = 0;
        for (int u = used.size() - 1; u >= 0; u--) {
            int[] r = used.get(u);
            TimeSeries s = g.series[r[0]];
            for (int i = r[1]; i < r[2]; i++) {
                count++;
                if (ids.size() < Signal.MAX_IDS) {
                    ids.add(s.ids[i]);
                }
                if (samples.size() < Signal.MAX_SAMPLES && s.messages[i] != null) {
                    samples.add(s.messages[i]);
                }
            }
        }
        out.add(new Signal(rule.id(), rule.severity(), groupMap(key), count, Instant.ofEpochMilli(bound),
                Instant.ofEpochMilli(end), Instant.ofEpochMilli(end), ids, samples));
        return true;
    }

    private void evict(Group g) {
        long newest = Long.MIN_VALUE;
        for (TimeSeries s : g.series) {
            newest = Math.max(newest, s.last());
        }
        long keepFrom = newest - maxSpan - limits.lateness().toMillis();
        for (TimeSeries s : g.series) {
            s.evictBefore(keepFrom);
            if (s.size > limits.maxEntriesPerGroup()) {
                evictions += s.size - limits.maxEntriesPerGroup();
                s.removeFirst(s.size - limits.maxEntriesPerGroup());
            }
        }
        if (g.firedEnds.size() > limits.maxEntriesPerGroup()) {
            g.firedEnds.clear(); // ids of long-gone events; clearing cannot re-fire evicted ends
        }
    }

    @Override
    int groups() {
        return groups.size();
    }
}
