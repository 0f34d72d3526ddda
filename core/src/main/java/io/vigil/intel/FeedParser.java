package io.vigil.intel;

import java.time.Instant;

/**
 * Reads a feed's body into entries. Never throws on malformed input: lines it cannot use are
 * counted in {@link FeedContent#rejected()}. Thread-safe and stateless.
 */
@FunctionalInterface
public interface FeedParser {
    /**
     * @param body the whole feed as text
     * @param now the time against which validity windows (STIX {@code valid_until}) are judged
     */
    FeedContent parse(String body, Instant now);
}
