package io.vigil.store;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A store that hands every call to another; decorators override what they change. */
public abstract class ForwardingEventStore implements EventStore {
    protected final EventStore store;

    protected ForwardingEventStore(EventStore store) {
        this.store = store;
    }

    @Override
    public void append(List<Event> events) throws IOException {
        store.append(events);
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
