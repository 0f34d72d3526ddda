package io.vigil.detect;

import io.vigil.event.Event;
import io.vigil.rules.Rule;
import java.time.Instant;
import java.util.List;

/** {@code match}: every matching event is a signal. Stateless. */
final class MatchState extends RuleState {
    MatchState(Rule rule, Limits limits) {
        super(rule, limits);
    }

    @Override
    void accept(Event event, long time, boolean emit, List<Signal> out) {
        List<String> key = groupOf(event);
        if (!emit || key == null && !rule.groupBy().isEmpty()) {
            return;
        }
        Instant t = Instant.ofEpochMilli(time);
        String message = message(event);
        out.add(new Signal(rule.id(), rule.severity(), groupMap(key == null ? List.of() : key), 1, t, t, t,
                List.of(event.id()), message == null ? List.of() : List.of(message)));
    }

    @Override
    int groups() {
        return 0;
    }
}
