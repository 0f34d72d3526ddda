package io.vigil.store;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Stores events and searches them. Thread-safe: append and search may run concurrently.
 */
public interface EventStore extends Closeable {

    /**
     * Stores events durably: when this returns they survive a crash of the process, and they are
     * visible to search within one second. Each event must carry {@code _id} and {@code @timestamp}.
     *
     * @throws IOException when the events could not be made durable; none of them is acknowledged
     */
    void append(List<Event> events) throws IOException;

    /**
     * Stores events durably like {@link #append}, replacing any stored event with the same
     * {@code _id} (for records that change, such as security events).
     */
    void upsert(List<Event> events) throws IOException;

    /**
     * Runs a search.
     *
     * @throws io.vigil.query.QueryException when the query or an aggregation is invalid
     */
    SearchResult search(SearchRequest request) throws IOException;

    /** Deletes the events a query matches (all time); answers how many were deleted. */
    long delete(String query) throws IOException;

    /** The type of every field indexed so far. */
    Map<String, FieldType> fields();

    /** The type of one field as queries see it (indexed so far, or known from ECS), or null. Live, cheap. */
    default FieldType fieldType(String field) {
        return fields().get(field);
    }

    /** Makes everything appended so far visible to search now, instead of within a second. */
    void refresh() throws IOException;
}
