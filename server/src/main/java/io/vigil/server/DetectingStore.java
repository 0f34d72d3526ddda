package io.vigil.server;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The event store as the ingest paths see it: stores a batch, then runs detection on it. Detection
 * runs after the batch is durable, in the caller's thread, so a security event exists before the
 * ingest answer is sent. A detection failure is logged and does not fail the ingest: the events
 * are stored and can be evaluated again by a backfill.
 */
public final class DetectingStore implements EventStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DetectingStore.class);
    private final EventStore store;
    private final Detector detector;

    public DetectingStore(EventStore store, Detector detector) {
        this.store = store;
        this.detector = detector;
    }

    @Override
    public void append(List<Event> events) throws IOException {
        store.append(events);
        try {
            detector.process(events);
        } catch (IOException | RuntimeException e) {
            LOG.error("detection failed for a batch of {} events (they are stored)", events.size(), e);
        }
    }

    @Override
    public void upsert(List<Event> events) throws IOException {
        store.upsert(events);
    }

    @Override
    public SearchResult search(SearchRequest request) throws IOException {
        return store.search(request);
    }

    @Override
    public long delete(String query) throws IOException {
        return store.delete(query);
    }

    @Override
    public Map<String, FieldType> fields() {
        return store.fields();
    }

    @Override
    public FieldType fieldType(String field) {
        return store.fieldType(field);
    }

    @Override
    public void refresh() throws IOException {
        store.refresh();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
