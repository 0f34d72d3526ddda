package io.vigil.detect;

import java.time.Duration;

/**
 * Bounds on detection state, per rule.
 *
 * @param maxGroups groups (or new-terms keys) kept per rule; the least recently seen is evicted
 * @param maxEntriesPerGroup events kept per group window; the oldest are evicted
 * @param lateness how far behind the newest event of a group an event may arrive and still be
 *     evaluated in its place in time
 */
public record Limits(int maxGroups, int maxEntriesPerGroup, Duration lateness) {
    public Limits {
        if (maxGroups < 1 || maxEntriesPerGroup < 1 || lateness.isNegative()) {
            throw new IllegalArgumentException("limits must be positive: " + maxGroups + ", " + maxEntriesPerGroup + ", " + lateness);
        }
    }

    public static Limits defaults() {
        return new Limits(100_000, 10_000, Duration.ofMinutes(1));
    }
}
