package io.vigil.detect;

import java.util.Arrays;

/**
 * Entries (time, id, value, message) kept sorted by time, for one group of one rule. Appends are
 * cheap when events arrive in order; late ones are inserted in place. Not thread-safe.
 */
final class TimeSeries {
    long[] times = new long[8];
    String[] ids = new String[8];
    Object[] values = new Object[8];
    String[] messages = new String[8];
    int size;

    /** Inserts an entry in time order (after entries with the same time); answers its index. */
    int insert(long time, String id, Object value, String message) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            ids = Arrays.copyOf(ids, n);
            values = Arrays.copyOf(values, n);
            messages = Arrays.copyOf(messages, n);
        }
        int at = upperBound(time);
        if (at < size) {
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(ids, at, ids, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            System.arraycopy(messages, at, messages, at + 1, size - at);
        }
        times[at] = time;
        ids[at] = id;
        values[at] = value;
        messages[at] = message;
        size++;
        return at;
    }

    /** First index whose time is greater than {@code time}. */
    int upperBound(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose time is at least {@code time}. */
    int lowerBound(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Removes entries older than {@code time}; answers how many. */
    int evictBefore(long time) {
        int n = lowerBound(time);
        removeFirst(n);
        return n;
    }

    void removeFirst(int n) {
        if (n <= 0) {
            return;
        }
        System.arraycopy(times, n, times, 0, size - n);
        System.arraycopy(ids, n, ids, 0, size - n);
        System.arraycopy(values, n, values, 0, size - n);
        System.arraycopy(messages, n, messages, 0, size - n);
        Arrays.fill(ids, size - n, size, null);
        Arrays.fill(values, size - n, size, null);
        Arrays.fill(messages, size - n, size, null);
        size -= n;
    }

    long last() {
        return size == 0 ? Long.MIN_VALUE : times[size - 1];
    }
}
