package io.vigil.syslog;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.ingest.IngestReport;
import io.vigil.server.IngestMetrics;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages off the queue in batches (up to {@code batchLines}, or whatever came within
 * {@code batchWait} of the first), parses them and appends them to the store, which makes them
 * durable and runs detection on them. Several threads may do this at once (parsing, indexing,
 * fsync and detection then overlap); with one, messages are stored in the order they arrived.
 *
 * <p>A failing store is retried with backoff (0.1 s doubling to 5 s) for as long as the server
 * runs: meanwhile the queue fills, TCP senders are no longer read and wait, UDP datagrams are
 * dropped and counted. When stopping, a batch the store still refuses after a few tries is dropped
 * and counted ({@code store_failure}), as are messages still queued when the stop times out
 * ({@code shutdown}).
 */
final class SyslogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogWriter.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int TRIES_WHEN_STOPPING = 3;

    private final SyslogQueue queue;
    private final EventStore store;
    private final SyslogMetrics metrics;
    private final IngestMetrics ingest;
    private final int batchLines;
    private final long batchNanos;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    SyslogWriter(SyslogQueue queue, EventStore store, SyslogMetrics metrics, IngestMetrics ingest, int batchLines,
                 Duration batchWait, int writers) {
        this.queue = queue;
        this.store = store;
        this.metrics = metrics;
        this.ingest = ingest;
        this.batchLines = batchLines;
        this.batchNanos = batchWait.toNanos();
        for (int i = 0; i < writers; i++) {
            threads.add(new Thread(this::run, "vigil-syslog-writer-" + i));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /**
     * Stores what is queued and stops; call after the sources are closed. Messages still queued
     * after {@code timeout} are dropped and counted.
     */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                t.interrupt();
                t.join(1000);
            }
        }
        List<SyslogMessage> left = new ArrayList<>();
        while (queue.drain(left, Integer.MAX_VALUE, 0, 0) > 0) {
            drop(left, "shutdown");
            queue.done(left);
            left.clear();
        }
    }

    private void run() {
        List<SyslogMessage> batch = new ArrayList<>(batchLines);
        try {
            while (!stopping || !queue.isEmpty()) {
                batch.clear();
                if (queue.drain(batch, batchLines, IDLE_NANOS, batchNanos) > 0) {
                    writeOrDrop(batch);
                }
            }
        } catch (InterruptedException e) {
            // stop() timed out: it counts what is left.
            Thread.currentThread().interrupt();
        }
    }

    private void writeOrDrop(List<SyslogMessage> batch) throws InterruptedException {
        try {
            write(batch);
        } catch (InterruptedException e) {
            drop(batch, "shutdown");
            throw e;
        } finally {
            queue.done(batch);
        }
    }

    private void write(List<SyslogMessage> batch) throws InterruptedException {
        long start = System.nanoTime();
        List<Event> events = new ArrayList<>(batch.size());
        for (SyslogMessage m : batch) {
            events.addAll(m.events());
        }
        if (!append(events)) {
            drop(batch, "store_failure");
            return;
        }
        Map<Transport, Long> perTransport = new EnumMap<>(Transport.class);
        for (SyslogMessage m : batch) {
            perTransport.merge(m.transport(), 1L, Long::sum);
        }
        perTransport.forEach(metrics::stored);
        long failed = events.stream().filter(e -> e.hasTag(Ecs.TAG_PARSE_FAILURE)).count();
        ingest.ingested("syslog", new IngestReport(events.size() - failed, failed, List.of()), System.nanoTime() - start);
    }

    /** Appends, retrying while the server runs; false when it gave up while stopping. */
    private boolean append(List<Event> events) throws InterruptedException {
        long backoff = 100;
        int triesWhileStopping = 0;
        while (true) {
            try {
                if (!events.isEmpty()) {
                    store.append(events);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                if (stopping && ++triesWhileStopping >= TRIES_WHEN_STOPPING) {
                    LOG.error("store refused {} syslog events while stopping; they are dropped", events.size(), e);
                    return false;
                }
                LOG.warn("store refused {} syslog events; retrying in {} ms (TCP senders wait meanwhile)",
                        events.size(), backoff, e);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void drop(List<SyslogMessage> messages, String reason) {
        Map<Transport, Long> perTransport = new EnumMap<>(Transport.class);
        for (SyslogMessage m : messages) {
            perTransport.merge(m.transport(), 1L, Long::sum);
        }
        perTransport.forEach((t, n) -> metrics.dropped(t, reason, n));
    }
}
