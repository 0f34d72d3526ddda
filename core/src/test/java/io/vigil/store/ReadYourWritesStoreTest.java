package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A search sees every write that completed before it began, even while another search is refreshing. */
class ReadYourWritesStoreTest {
    /** Writes become searchable only at a refresh, which takes a while (as a Lucene reopen does). */
    static final class SlowRefreshStore implements EventStore {
        final AtomicLong written = new AtomicLong();
        final AtomicLong visible = new AtomicLong();
        final AtomicLong refreshes = new AtomicLong();

        @Override
        public void append(List<Event> events) {
            written.addAndGet(events.size());
        }

        @Override
        public void upsert(List<Event> events) {
            written.addAndGet(events.size());
        }

        @Override
        public SearchResult search(SearchRequest request) {
            return new SearchResult(visible.get(), List.of(), Map.of(), 0);
        }

        @Override
        public long delete(String query) {
            return 0;
        }

        @Override
        public Map<String, FieldType> fields() {
            return Map.of();
        }

        @Override
        public synchronized void refresh() throws java.io.IOException {
            long target = written.get();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            visible.accumulateAndGet(target, Math::max);
            refreshes.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    @Test
    void aWriterAlwaysFindsItsWriteWhileOthersSearchAndRefresh() throws Exception {
        SlowRefreshStore slow = new SlowRefreshStore();
        ReadYourWritesStore store = new ReadYourWritesStore(slow);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = List.of(pool.submit(() -> {
                while (!done.get()) {
                    store.search(SearchRequest.of("*", null, 0));
                }
                return null;
            }), pool.submit(() -> {
                while (!done.get()) {
                    store.search(SearchRequest.of("*", null, 0));
                }
                return null;
            }));
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    store.append(List.of(new Event()));
                    assertThat(store.search(SearchRequest.of("*", null, 0)).total()).as("write %d", i).isGreaterThanOrEqualTo(i);
                }
                return null;
            });
            writer.get();
            done.set(true);
            for (Future<?> r : readers) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long refreshes = slow.refreshes.get();
        assertThat(refreshes).as("one refresh per read at most, not one per search").isLessThanOrEqualTo(300 + 3);
        store.search(SearchRequest.of("*", null, 0));
        assertThat(slow.refreshes.get()).as("nothing written since: no refresh").isEqualTo(refreshes);
    }
}
