package io.vigil.detect;

import io.vigil.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One firing of a rule for one group.
 *
 * @param group the group-by field values (empty map when the rule has no group)
 * @param count events in the window (threshold), distinct values (cardinality), events in the
 *     completed sequence, or 1 (match, new terms)
 * @param at the event time at which the rule's condition became true
 * @param eventIds ids of contributing events, newest last (at most {@link #MAX_IDS})
 * @param samples raw messages of a few contributing events
 */
public record Signal(String ruleId, Severity severity, Map<String, Object> group, long count, Instant firstSeen,
                     Instant lastSeen, Instant at, List<String> eventIds, List<String> samples) {
    public static final int MAX_IDS = 100;
    public static final int MAX_SAMPLES = 5;

    /** Identity of the group a signal belongs to, for throttling and comparison. */
    public String groupKey() {
        return ruleId + "|" + group;
    }
}
