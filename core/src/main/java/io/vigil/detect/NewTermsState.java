package io.vigil.detect;

import io.vigil.event.Event;
import io.vigil.rules.Detection;
import io.vigil.rules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code new_terms}: fires when the value (or tuple of values) of the rule's fields has not been
 * seen for the event's group within {@code history} before the event. Remembers the last time
 * each (group, value) was seen, up to {@code maxGroups} entries per rule (least recently seen
 * evicted: an evicted value fires again when next seen).
 */
final class NewTermsState extends RuleState {
    private final List<String> fields;
    private final long history;
    private final Groups<long[]> seen = new Groups<>();

    NewTermsState(Rule rule, Limits limits, Detection.NewTerms newTerms) {
        super(rule, limits);
        this.fields = newTerms.fields();
        this.history = newTerms.history().toMillis();
    }

    @Override
    void accept(Event event, long time, boolean emit, List<Signal> out) {
        List<String> group = groupOf(event);
        if (group == null) {
            return;
        }
        List<String> key = new ArrayList<>(group);
        for (String f : fields) {
            String v = event.getString(f);
            if (v == null) {
                return;
            }
            key.add(v);
        }
        long[] last = seen.get(key);
        boolean isNew = last == null || last[0] < time - history;
        if (last == null) {
            seen.put(key, new long[] {time});
        } else {
            last[0] = Math.max(last[0], time);
        }
        if (isNew && emit) {
            Instant t = Instant.ofEpochMilli(time);
            java.util.Map<String, Object> g = new java.util.LinkedHashMap<>(groupMap(group));
            for (int i = 0; i < fields.size(); i++) {
                g.put(fields.get(i), key.get(group.size() + i));
            }
            String message = message(event);
            out.add(new Signal(rule.id(), rule.severity(), java.util.Collections.unmodifiableMap(g), 1, t, t, t,
                    List.of(event.id()), message == null ? List.of() : List.of(message)));
        }
    }

    @Override
    int groups() {
        return seen.size();
    }
}
