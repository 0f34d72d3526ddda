package io.vigil.syslog;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Messages between the sources and the writers, bounded by the bytes of their text so that memory
 * stays bounded whatever the message sizes. {@link #put} waits for room (the TCP path: a connection
 * whose message cannot be queued is not read, so the sender slows down); {@link #offer} does not
 * (the UDP path: a datagram that cannot be queued is dropped by the caller, and counted). Waiting
 * puts are served in arrival order. A message keeps its room until a writer says it is
 * {@link #done} with it, so messages being stored count against the bound too. Thread-safe.
 */
final class SyslogQueue {
    private final LinkedBlockingQueue<SyslogMessage> messages = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int capacity;

    SyslogQueue(long capacityBytes) {
        this.capacity = (int) Math.min(capacityBytes, Integer.MAX_VALUE);
        this.room = new Semaphore(capacity, true);
    }

    /** Queues a message, waiting for room. */
    void put(SyslogMessage m) throws InterruptedException {
        room.acquire(cost(m));
        messages.add(m);
    }

    /** Queues a message if there is room now; false when full. */
    boolean offer(SyslogMessage m) {
        if (!room.tryAcquire(cost(m))) {
            return false;
        }
        messages.add(m);
        return true;
    }

    /**
     * Moves up to {@code max} messages into {@code into}: waits up to {@code idleNanos} for the
     * first, then at most {@code batchNanos} more for the batch to fill.
     *
     * @return how many were moved
     */
    int drain(List<SyslogMessage> into, int max, long idleNanos, long batchNanos) throws InterruptedException {
        SyslogMessage first = messages.poll(idleNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return 0;
        }
        int n = take(first, into);
        long deadline = System.nanoTime() + batchNanos;
        while (n < max) {
            n += moveAvailable(into, max - n);
            long left = deadline - System.nanoTime();
            if (n >= max || left <= 0) {
                break;
            }
            SyslogMessage next = messages.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            n += take(next, into);
        }
        return n;
    }

    /** Gives back the room of messages taken by {@link #drain}, once they are stored or dropped. */
    void done(List<SyslogMessage> taken) {
        long bytes = 0;
        for (SyslogMessage m : taken) {
            bytes += cost(m);
        }
        room.release((int) bytes);
    }

    /** Bytes of text queued or being stored. */
    long bytes() {
        return capacity - room.availablePermits();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    private int moveAvailable(List<SyslogMessage> into, int max) {
        int n = 0;
        SyslogMessage m;
        while (n < max && (m = messages.poll()) != null) {
            n += take(m, into);
        }
        return n;
    }

    private int take(SyslogMessage m, List<SyslogMessage> into) {
        into.add(m);
        return 1;
    }

    /** At least 1, so that an empty message still counts, and never more than the whole budget. */
    private int cost(SyslogMessage m) {
        return Math.max(1, Math.min(m.weight(), capacity));
    }
}
