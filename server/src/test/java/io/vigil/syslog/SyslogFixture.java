package io.vigil.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.query.TimeRange;
import io.vigil.store.EventStore;
import io.vigil.store.lucene.LuceneEventStore;
import io.vigil.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A syslog receiver on free ports in front of a real Lucene store, as the server wires it: the
 * built-in parser types, the store's append path, real metrics.
 */
final class SyslogFixture implements AutoCloseable {
    final LuceneEventStore store;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final SyslogService syslog;
    private boolean closed;

    SyslogFixture(Path dir, SyslogConfig config) throws IOException {
        this(dir, config, UnaryOperator.identity());
    }

    /** @param wrap what the receiver appends to, around the real store (to slow it down, say) */
    SyslogFixture(Path dir, SyslogConfig config, UnaryOperator<EventStore> wrap) throws IOException {
        store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
        // Search once before the first append: Lucene 9.12's class initialisation can deadlock when
        // the first search and the first index creation of a JVM run at the same time.
        store.search(SearchRequest.of("*", TimeRange.ALL, 1));
        EventStore target = wrap.apply(store);
        IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), target, Clock.systemUTC(), 64 * 1024);
        try {
            syslog = SyslogService.start(config, "127.0.0.1", pipeline, target, Clock.systemUTC(), metrics);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A config of one plain UDP and TCP listener on a free port. */
    static SyslogConfig plain() {
        return SyslogConfig.disabled().withListeners(List.of(SyslogConfig.Listener.plain(0)));
    }

    int port() {
        return syslog.ports().get(0);
    }

    long count(String query) throws IOException {
        store.refresh();
        return store.search(SearchRequest.of(query, TimeRange.ALL, 0)).total();
    }

    List<Event> hits(String query) throws IOException {
        store.refresh();
        SearchResult r = store.search(SearchRequest.of(query, TimeRange.ALL, SearchRequest.MAX_SIZE));
        return r.hits();
    }

    /** Waits until {@code query} counts at least {@code n} events (or the timeout passes); answers the count. */
    long awaitCount(String query, long n, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = count(query);
        while (count < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
            count = count(query);
        }
        return count;
    }

    /** The value of a syslog counter, 0 when it was never registered. */
    double counter(String name, String... tags) {
        Counter c = metrics.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Waits until a counter reaches {@code n} (or the timeout passes); answers its value. */
    double awaitCounter(String name, double n, Duration timeout, String... tags) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter(name, tags) < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return counter(name, tags);
    }

    /** Waits until the stored counter of a transport reaches {@code n}. */
    double awaitStored(String transport, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter("vigil.syslog.messages.stored", "transport", transport) < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return counter("vigil.syslog.messages.stored", "transport", transport);
    }

    /** Stops the receiver (storing what it read) but keeps the store open for counting. */
    void stopReceiving() throws IOException {
        if (!closed) {
            closed = true;
            syslog.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopReceiving();
        } finally {
            store.close();
        }
    }
}
