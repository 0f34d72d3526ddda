package io.vigil.enrich;

import io.vigil.event.Event;

/**
 * Adds fields to an event after parsing and before storage. Thread-safe; never throws on
 * unusual input (it leaves the event as it is).
 */
@FunctionalInterface
public interface Enricher {
    void enrich(Event event);
}
