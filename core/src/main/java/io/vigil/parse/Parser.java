package io.vigil.parse;

/**
 * Turns one raw record into events. Never throws on malformed input (it answers
 * {@link ParseResult.Failed}); thread-safe.
 *
 * <p>Events produced carry {@code message} (the raw text), {@code event.dataset} and, when the
 * record has a time, {@code @timestamp}. The pipeline fills what a parser leaves out.
 */
@FunctionalInterface
public interface Parser {
    ParseResult parse(RawEvent raw);
}
