package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every parser promises whatever it is fed, checked the same way for all of them (after
 * Vector's component compliance tests and Lucene's random testing): it never throws, never hangs
 * and never makes its output much larger than its input; it answers {@link ParseResult.Failed}
 * holding the raw text and a reason, or {@link ParseResult.Parsed} with events (none only for a
 * format's header lines). Fed with {@link HostileInputs}: random bytes, invalid UTF-8, truncated and
 * mutated samples, one-megabyte lines and deeply nested JSON.
 *
 * <p>Implemented by the parser test bases ({@link LineParserTestCase}, {@link ParserContract},
 * {@link ParserTestCase}) and by the tests of the parsers that have none, so that every built-in
 * parser runs it.
 */
interface HostileInputContract {
    Instant RECEIVED_AT = Instant.parse("2025-01-15T12:00:00Z");
    int INPUTS = 20_000;
    int HUGE_LINES = 12;
    /** Output may hold the input a few times (message, url.original, a field copy) plus fixed fields. */
    int GROWTH = 8;
    int FIXED = 200_000;
    /** Generous for a shared machine: a linear parser reads a megabyte in milliseconds. */
    Duration MEGABYTE_BUDGET = Duration.ofSeconds(10);

    /** A parser in its initial state. */
    Parser parserUnderTest();

    /** Valid records of the parser's format: the seeds of mutation. */
    List<String> validSamples();

    /** True for a format whose header lines are understood but give no event (a VPC flow log header). */
    default boolean answersHeadersWithoutEvents() {
        return false;
    }

    /** True when every event's {@code message} is the record itself (line formats; not JSON batches). */
    default boolean keepsTheRecordAsMessage() {
        return false;
    }

    /** The {@code event.dataset} every event must carry, or null when it depends on the record. */
    default String datasetOfEveryEvent() {
        return null;
    }

    @Test
    default void neverThrowsOnHostileInput() {
        Parser parser = parserUnderTest();
        HostileInputs inputs = new HostileInputs(0x5EED_1CE5L, validSamples());
        for (int i = 0; i < INPUTS; i++) {
            check(parser, inputs.next());
        }
    }

    @Test
    @Timeout(180)
    default void readsMegabyteLinesInBoundedTimeAndSpace() {
        Parser parser = parserUnderTest();
        for (String line : new HostileInputs(42L, validSamples()).huge(HUGE_LINES)) {
            long start = System.nanoTime();
            check(parser, line);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("time to read %s", HostileInputs.escape(line)).isLessThan(MEGABYTE_BUDGET);
        }
    }

    @Test
    @Timeout(60)
    default void survivesDeeplyNestedJson() {
        Parser parser = parserUnderTest();
        for (String json : HostileInputs.deeplyNested()) {
            check(parser, json);
        }
    }

    private void check(Parser parser, String input) {
        RawEvent raw = new RawEvent(input, RECEIVED_AT);
        ParseResult result;
        try {
            result = parser.parse(raw);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parser threw on " + HostileInputs.escape(input), e);
        }
        if (result instanceof ParseResult.Failed failed) {
            assertThat(failed.raw().text()).as("raw text kept for %s", HostileInputs.escape(input)).isEqualTo(input);
            assertThat(failed.reason()).as("reason for %s", HostileInputs.escape(input)).isNotBlank();
        } else if (result instanceof ParseResult.Parsed parsed) {
            checkEvents(parsed.events(), input);
        } else {
            fail("neither Parsed nor Failed for " + HostileInputs.escape(input) + ": " + result);
        }
    }

    private void checkEvents(List<Event> events, String input) {
        if (!answersHeadersWithoutEvents()) {
            assertThat(events).as("events for %s", HostileInputs.escape(input)).isNotEmpty();
        }
        assertThat(events.size()).as("events for %s", HostileInputs.escape(input)).isLessThanOrEqualTo(input.length() + 1);
        long size = 0;
        for (Event e : events) {
            assertThat(e.get(Ecs.MESSAGE)).as("message of %s", HostileInputs.escape(input)).isNotNull();
            if (keepsTheRecordAsMessage()) {
                assertThat(e.get(Ecs.MESSAGE)).as("message of %s", HostileInputs.escape(input)).isEqualTo(input);
            }
            if (datasetOfEveryEvent() != null) {
                assertThat(e.get(Ecs.EVENT_DATASET)).as("dataset of %s", HostileInputs.escape(input))
                        .isEqualTo(datasetOfEveryEvent());
            }
            size += footprint(e.fields());
        }
        assertThat(size).as("characters of the events of %s", HostileInputs.escape(input))
                .isLessThanOrEqualTo((long) GROWTH * input.length() + FIXED);
    }

    /** Characters in the names and values of the fields: what storing the event costs, roughly. */
    private static long footprint(Map<String, Object> fields) {
        long n = 0;
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            n += f.getKey().length();
            Object v = f.getValue();
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    n += String.valueOf(item).length();
                }
            } else {
                n += String.valueOf(v).length();
            }
        }
        return n;
    }
}
