package io.vigil.intel.feeds;

import io.vigil.intel.FeedDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes feeds when they are due, on one background thread: every {@link #TICK} it refreshes
 * each enabled feed whose interval has passed since its last success, and retries a failing feed
 * after at most {@link #RETRY}. The first check waits {@code firstAfter}, so a restart matches
 * from the cache at once and the network is touched only later. A feed that turns stale is
 * logged once, and once more when it recovers.
 */
public final class FeedScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);
    static final Duration TICK = Duration.ofSeconds(30);
    static final Duration RETRY = Duration.ofMinutes(15);

    private final IntelFeeds feeds;
    private final ScheduledExecutorService executor;
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    private FeedScheduler(IntelFeeds feeds) {
        this.feeds = feeds;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-feed-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checking after {@code firstAfter}, then every {@link #TICK}. */
    public static FeedScheduler start(IntelFeeds feeds, Duration firstAfter) {
        FeedScheduler s = new FeedScheduler(feeds);
        s.executor.scheduleWithFixedDelay(s::safeTick, firstAfter.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /** A failing tick must not end the schedule: scheduled executors drop a task that throws. */
    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("feed refresh check failed; trying again in {}", TICK, e);
        }
    }

    void tick() {
        Instant now = feeds.clock().instant();
        for (FeedDefinition f : feeds.due(now, RETRY)) {
            try {
                feeds.refresh(f.name());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("feed {}: refresh failed, keeping its last good data: {}", f.name(), e.getMessage());
            }
        }
        for (IntelFeeds.View v : feeds.list()) {
            String name = v.entry().feed().name();
            if (v.status().stale(v.entry().feed(), feeds.clock().instant())) {
                if (stale.add(name)) {
                    LOG.warn("feed {} is stale: no fresh data for over twice its refresh interval ({}); last error: {}",
                            name, v.entry().feed().refresh(), v.status().lastError());
                }
            } else if (stale.remove(name)) {
                LOG.info("feed {} is fresh again", name);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
