package io.vigil.server;

import io.vigil.event.Event;
import io.vigil.store.EventStore;
import io.vigil.store.ForwardingEventStore;
import java.io.IOException;
import java.util.List;

/**
 * The event store as the ingest paths see it: stores a batch, then runs detection on it. Detection
 * runs after the batch is durable, in the caller's thread, so a security event exists before the
 * ingest answer is sent. A detection failure is logged and does not fail the ingest: the events
 * are stored and can be evaluated again by a backfill.
 */
public final class DetectingStore extends ForwardingEventStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DetectingStore.class);
    private final Detector detector;

    public DetectingStore(EventStore store, Detector detector) {
        super(store);
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
}
