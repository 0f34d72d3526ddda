package io.vigil.store;

import io.vigil.event.Event;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store whose searches see every write made through it before the search began: a write marks
 * it stale, and the next search refreshes first. For a store written in many small batches and
 * read now and then (security events: a few per ingest request, read when someone looks), this is
 * one refresh per read instead of one per write, with the same guarantee to the reader.
 *
 * <p>Writes are counted after they complete; a search waits until a refresh that began after the
 * last counted write has finished (running one itself if none has), so a search never slips past
 * a refresh still in progress. Thread-safe when the store is.
 */
public final class ReadYourWritesStore extends ForwardingEventStore {
    private final AtomicLong writes = new AtomicLong();
    private final Object refreshing = new Object();
    private volatile long refreshedUpTo;

    public ReadYourWritesStore(EventStore store) {
        super(store);
    }

    @Override
    public void append(List<Event> events) throws IOException {
        store.append(events);
        writes.incrementAndGet();
    }

    @Override
    public void upsert(List<Event> events) throws IOException {
        store.upsert(events);
        writes.incrementAndGet();
    }

    @Override
    public SearchResult search(SearchRequest request) throws IOException {
        long written = writes.get();
        if (refreshedUpTo < written) {
            synchronized (refreshing) {
                if (refreshedUpTo < written) {
                    refreshNow();
                }
            }
        }
        return store.search(request);
    }

    @Override
    public long delete(String query) throws IOException {
        long n = store.delete(query);
        writes.incrementAndGet();
        return n;
    }

    @Override
    public void refresh() throws IOException {
        synchronized (refreshing) {
            refreshNow();
        }
    }

    private void refreshNow() throws IOException {
        long target = writes.get(); // every write counted so far completed before this refresh starts
        store.refresh();
        refreshedUpTo = Math.max(refreshedUpTo, target);
    }
}
