package io.vigil.query;

import java.util.List;

/** The result of one {@link Aggregation}. */
public sealed interface AggregationResult {

    /** One bucket; {@code key} is a String, Long or Double; for dates the epoch milliseconds. */
    record Bucket(Object key, String keyAsString, long docCount) {}

    record Buckets(List<Bucket> buckets, long sumOtherDocCount) implements AggregationResult {}

    record Value(long value) implements AggregationResult {}

    record Stats(long count, Double min, Double max, Double avg, double sum) implements AggregationResult {}
}
