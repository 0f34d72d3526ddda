package io.vigil.query;

import java.time.Duration;

/** An aggregation over the events a search matches, ES-style. */
public sealed interface Aggregation {
    String field();

    /** Counts per fixed time bucket; empty buckets inside the search range are included. */
    record DateHistogram(String field, Duration interval) implements Aggregation {}

    /** The most frequent values of a field, most frequent first. */
    record Terms(String field, int size) implements Aggregation {
        public Terms {
            if (size < 1 || size > 10_000) {
                throw new QueryException("terms size must be between 1 and 10000, got " + size);
            }
        }
    }

    /** The exact number of distinct values of a field. */
    record Cardinality(String field) implements Aggregation {}

    /** count, min, max, avg and sum of a numeric field. */
    record Stats(String field) implements Aggregation {}
}
