package io.vigil.parse;

import java.time.Instant;
import java.util.Objects;

/**
 * One record as received, before parsing.
 *
 * @param text the line or JSON document, never null
 * @param received when Vigil received it; the fallback time when the record carries none
 */
public record RawEvent(String text, Instant received) {
    public RawEvent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(received, "received");
    }

    public static RawEvent of(String text) {
        return new RawEvent(text, Instant.now());
    }
}
