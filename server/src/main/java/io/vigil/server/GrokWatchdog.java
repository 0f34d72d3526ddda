package io.vigil.server;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.opensearch.grok.MatcherWatchdog;

/**
 * Stops grok matches that run longer than {@link #MAX_MATCH_MILLIS}: a user's pattern with
 * catastrophic backtracking then fails its line ("grok matching stopped") instead of holding an
 * ingest thread for minutes. One daemon timer for the whole process, idle while nothing matches;
 * the core cannot own it, since it holds no threads.
 */
public final class GrokWatchdog {
    /** Longest a single line may take to match one pattern. */
    public static final long MAX_MATCH_MILLIS = 1_000;
    private static final long CHECK_INTERVAL_MILLIS = 100;

    private static final MatcherWatchdog SHARED = create();

    private GrokWatchdog() {}

    /** The process-wide watchdog. */
    public static MatcherWatchdog shared() {
        return SHARED;
    }

    private static MatcherWatchdog create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "vigil-grok-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return MatcherWatchdog.newInstance(CHECK_INTERVAL_MILLIS, MAX_MATCH_MILLIS, () -> System.nanoTime() / 1_000_000,
                (delay, check) -> timer.schedule(check, delay, TimeUnit.MILLISECONDS));
    }
}
