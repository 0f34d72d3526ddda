package io.vigil.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.demo.DemoTraffic;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.ingest.IngestPipeline;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads the demo data set: a generated day of nginx traffic with attacks, ending now, through
 * detection, so security events appear too. Log events carry the tag {@code demo}; the ids of
 * the security events the demo raised are kept in {@code DATA/state/demo.json}. A new load
 * replaces both, so the data always covers the last 24 hours and nothing piles up.
 */
final class DemoData {
    static final String TAG = "demo";
    private static final long SEED = 20_261_128L;

    private DemoData() {}

    static long load(IngestPipeline pipeline, EventStore logs, Detector detector, Path dataDir, Clock clock,
                     PrintStream console) throws IOException {
        Path record = Files.createDirectories(dataDir.resolve("state")).resolve("demo.json");
        long replaced = logs.delete("tags:" + TAG);
        if (Files.exists(record)) {
            List<String> old = EventJson.MAPPER.readValue(record.toFile(), new TypeReference<List<String>>() {});
            for (int i = 0; i < old.size(); i += 500) {
                List<String> ids = old.subList(i, Math.min(old.size(), i + 500));
                detector.securityEvents().delete("_id:(" + String.join(" OR ", ids.stream().map(id -> "\"" + id + "\"").toList()) + ")");
            }
        }
        List<String> raised = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = detector.onNewSecurityEvent(e -> raised.add(e.id()));
        List<Event> events = pipeline.toEvents("nginx", DemoTraffic.generate(clock.instant(), SEED));
        events.forEach(e -> e.tag(TAG));
        for (int i = 0; i < events.size(); i += 2_000) {
            List<Event> batch = events.subList(i, Math.min(events.size(), i + 2_000));
            logs.append(batch);
            detector.process(batch);
        }
        unsubscribe.run();
        logs.refresh();
        detector.securityEvents().refresh();
        EventJson.MAPPER.writeValue(record.toFile(), new ArrayList<>(raised));
        console.println("Loaded " + events.size() + " demo events (nginx access log, last 24 hours"
                + (replaced > 0 ? ", replacing " + replaced + " older demo events" : "") + "); "
                + raised.size() + " security events raised.");
        return events.size();
    }
}
