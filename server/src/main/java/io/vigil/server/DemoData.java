package io.vigil.server;

import io.vigil.demo.DemoTraffic;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * Loads the demo data set: a generated day of nginx traffic with attacks, ending now. Events
 * carry the tag {@code demo}; a new load replaces the previous one, so the data always covers
 * the last 24 hours.
 */
final class DemoData {
    static final String TAG = "demo";
    private static final long SEED = 20_261_128L;

    private DemoData() {}

    static long load(IngestPipeline pipeline, EventStore store, Clock clock, PrintStream console) throws IOException {
        long replaced = store.delete("tags:" + TAG);
        List<String> lines = DemoTraffic.generate(clock.instant(), SEED);
        List<Event> events = pipeline.toEvents("nginx", lines);
        events.forEach(e -> e.tag(TAG));
        for (int i = 0; i < events.size(); i += 10_000) {
            store.append(events.subList(i, Math.min(events.size(), i + 10_000)));
        }
        store.refresh();
        console.println("Loaded " + events.size() + " demo events (nginx access log, last 24 hours"
                + (replaced > 0 ? ", replacing " + replaced + " older demo events" : "") + ").");
        return events.size();
    }
}
