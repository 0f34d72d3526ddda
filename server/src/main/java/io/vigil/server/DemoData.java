package io.vigil.server;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.demo.DemoTraffic;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.ingest.IngestPipeline;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.feeds.IntelFeeds;
import io.vigil.rules.Severity;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads the demo data set: a generated day of nginx traffic with attacks, ending now, through
 * detection, so security events appear too. Log events carry the tag {@code demo}; the ids of
 * the security events the demo raised are kept in {@code DATA/state/demo.json}. A new load
 * replaces both, so the data always covers the last 24 hours and nothing piles up.
 *
 * <p>Threat intelligence works offline too: two demo feeds, {@code demo-reputation} (AlienVault
 * format) and {@code demo-blocklist} (plain), are created when missing and filled, before the
 * traffic is ingested, with most of the addresses the generated attacks came from (not all: a
 * real feed never lists every attacker). Their events are then enriched with the
 * {@code security.*} fields and raise {@code threat-intel-ip-match}, as real feeds would. They are
 * ordinary user feeds without a URL: delete them, or keep them beside real ones.
 */
final class DemoData {
    static final String TAG = "demo";
    private static final long SEED = 20_261_128L;

    private DemoData() {}

    /**
     * @param feeds where the demo feeds go; null loads the traffic without them
     */
    static long load(IngestPipeline pipeline, EventStore logs, Detector detector, IntelFeeds feeds, Path dataDir,
                     Clock clock, PrintStream console) throws IOException {
        Path record = Files.createDirectories(dataDir.resolve("state")).resolve("demo.json");
        long replaced = logs.delete("tags:" + TAG);
        if (Files.exists(record)) {
            List<String> old = EventJson.MAPPER.readValue(record.toFile(), new TypeReference<List<String>>() {});
            for (int i = 0; i < old.size(); i += 500) {
                List<String> ids = old.subList(i, Math.min(old.size(), i + 500));
                detector.securityEvents().delete("_id:(" + String.join(" OR ", ids.stream().map(id -> "\"" + id + "\"").toList()) + ")");
            }
        }
        DemoTraffic.Day24 day = DemoTraffic.day(clock.instant(), SEED);
        int listed = feeds == null ? 0 : feeds(feeds, day.attackers());
        List<String> raised = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = detector.onNewSecurityEvent(e -> raised.add(e.id()));
        List<Event> events = pipeline.toEvents("nginx", day.lines());
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
                + raised.size() + " security events raised"
                + (listed > 0 ? "; " + listed + " of its " + day.attackers().size()
                        + " attacking addresses are on the demo threat feeds." : "."));
        return events.size();
    }

    /** Creates the demo feeds when missing and uploads their lists; answers how many addresses they list. */
    static int feeds(IntelFeeds feeds, Map<String, String> attackers) throws IOException {
        StringBuilder reputation = new StringBuilder("# Vigil demo feed: addresses of the generated demo attacks\n");
        StringBuilder blocklist = new StringBuilder("# Vigil demo feed: addresses of the generated demo attacks\n");
        int i = 0;
        int listed = 0;
        for (Map.Entry<String, String> a : attackers.entrySet()) {
            boolean proxy = a.getValue().equals("proxy");
            // Deterministic and overlapping: 3 in 5 on the reputation list, 2 in 5 on the blocklist,
            // some on both, one in five on neither.
            boolean onReputation = i % 5 < 3;
            boolean onBlocklist = i % 5 == 2 || i % 5 == 3;
            if (onReputation) {
                String activity = proxy ? "Malicious Host" : i % 2 == 0 ? "Scanning Host" : "Malicious Host;Scanning Host";
                reputation.append(a.getKey()).append("#4#2#").append(activity).append("##0,0#0\n");
            }
            if (onBlocklist) {
                blocklist.append(a.getKey()).append('\n');
            }
            listed += onReputation || onBlocklist ? 1 : 0;
            i++;
        }
        define(feeds, new FeedDefinition("demo-reputation", null, "alienvault", true, Duration.ofDays(1), "Malicious Host",
                Severity.MEDIUM, 60, Map.of(), "Demo data: AlienVault-format reputation list of the demo attackers (not real intelligence)"),
                reputation.toString());
        define(feeds, new FeedDefinition("demo-blocklist", null, "plain", true, Duration.ofDays(1), "Attacker",
                Severity.HIGH, 80, Map.of(), "Demo data: plain blocklist of some demo attackers (not real intelligence)"),
                blocklist.toString());
        return listed;
    }

    private static void define(IntelFeeds feeds, FeedDefinition feed, String body) throws IOException {
        Optional<IntelFeeds.View> existing = feeds.get(feed.name());
        if (existing.isPresent() && !existing.get().entry().feed().enabled()) {
            return; // switched off by the user: leave it off
        }
        if (existing.isEmpty()) {
            feeds.create(feed);
        }
        feeds.upload(feed.name(), body);
    }
}
