package io.vigil.parse;

import io.vigil.event.Event;
import java.util.List;

/** What a parser made of one raw record. */
public sealed interface ParseResult {

    /** The record was understood; usually one event, several for files such as CloudTrail. */
    record Parsed(List<Event> events) implements ParseResult {
        public Parsed {
            events = List.copyOf(events);
        }
    }

    /** The record was not understood; the reason says why in words a person can act on. */
    record Failed(RawEvent raw, String reason) implements ParseResult {}

    static ParseResult of(Event event) {
        return new Parsed(List.of(event));
    }
}
