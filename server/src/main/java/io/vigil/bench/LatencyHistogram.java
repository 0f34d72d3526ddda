package io.vigil.bench;

/**
 * Nanosecond latencies in log-linear buckets (16 per power of two, so a percentile is within
 * about 6 % of the truth) with the exact maximum. Recording is a few instructions and allocates
 * nothing, so it can time every single lookup. Not thread-safe: one per recording thread.
 */
final class LatencyHistogram {
    private static final int SUB = 16;
    private final long[] counts = new long[64 * SUB];
    private long total;
    private long max;

    void record(long nanos) {
        long v = Math.max(1, nanos);
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = exponent < 4 ? (int) v & (SUB - 1) : (int) (v >>> (exponent - 4)) & (SUB - 1);
        counts[exponent * SUB + sub]++;
        total++;
        max = Math.max(max, nanos);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The upper bound of the bucket holding the given percentile (0-100). */
    long percentile(double p) {
        long rank = (long) Math.ceil(p / 100 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                int exponent = i / SUB;
                int sub = i % SUB;
                long upper = exponent < 4 ? sub + 1 : ((long) (SUB + sub + 1) << (exponent - 4));
                return Math.min(upper, max);
            }
        }
        return max;
    }
}
