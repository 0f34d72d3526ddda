package io.vigil.web;

import io.vigil.api.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing beyond what the slow hash does: after {@value #FREE_FAILURES} wrong
 * passwords for one username, further attempts are refused with 429 until {@link #LOCK} has passed
 * since the last failure. A success clears the count. Thread-safe.
 */
public final class SignInThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(1);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant last) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    void check(String username) {
        Failures f = failures.get(username);
        if (f != null && f.count() >= FREE_FAILURES && clock.instant().isBefore(f.last().plus(LOCK))) {
            throw new HttpError(429, "too many wrong passwords for " + username + "; try again in a minute");
        }
    }

    void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear(); // bounded memory under a spray of made-up usernames
        }
        Instant now = clock.instant();
        failures.merge(username, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
    }

    void succeeded(String username) {
        failures.remove(username);
    }
}
