package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every parser promises whatever it is fed: it answers {@link ParseResult.Parsed} (at least
 * one event, each keeping the raw text in {@code message}) or {@link ParseResult.Failed} (with the
 * raw record and a reason), and never throws. Subclasses name the parser and give valid sample
 * lines; most random lines are mutations of those, which reach deeper than noise does.
 */
abstract class ParserTestCase {
    private static final int LINES = 20_000;
    private static final String ALPHABET =
            "abcAZ019 :[]<>()=\"\\;-./@%#+,'\t\n\r\u0000\u00e9\u4e2d\uFEFF\ud83d\ude00\ud800";

    protected abstract Parser parser();

    /** Valid lines of the parser's type: the seeds of mutation. */
    protected abstract List<String> samples();

    @Test
    void neverThrowsOnRandomInput() {
        Parser parser = parser();
        List<String> samples = samples();
        Random random = new Random(0x5EED_1234L);
        Instant received = Instant.parse("2025-01-15T12:00:00Z");
        for (int i = 0; i < LINES; i++) {
            String line = randomLine(random, samples);
            ParseResult result;
            try {
                result = parser.parse(new RawEvent(line, received));
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("parser threw on line " + i + ": " + escape(line), e);
            }
            check(result, line);
        }
    }

    /** Catches patterns whose backtracking grows faster than the input: a hang fails the timeout. */
    @Test
    @Timeout(10)
    void readsVeryLongLinesQuickly() {
        Parser parser = parser();
        for (String seed : samples()) {
            String line = seed + " " + seed.repeat(65_536 / Math.max(1, seed.length()));
            check(parser.parse(new RawEvent(line, Instant.parse("2025-01-15T12:00:00Z"))), line);
        }
    }

    private static void check(ParseResult result, String line) {
        if (result instanceof ParseResult.Failed failed) {
            assertThat(failed.reason()).as("reason for %s", escape(line)).isNotBlank();
            assertThat(failed.raw().text()).isEqualTo(line);
        } else if (result instanceof ParseResult.Parsed parsed) {
            assertThat(parsed.events()).as("events for %s", escape(line)).isNotEmpty();
            for (Event e : parsed.events()) {
                assertThat(e.get(Ecs.MESSAGE)).as("message of %s", escape(line)).isEqualTo(line);
            }
        } else {
            fail("neither Parsed nor Failed: " + result);
        }
    }

    static String randomLine(Random random, List<String> samples) {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return noise(random, random.nextInt(200));
        }
        if (kind < 6) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        if (kind == 6) {
            String seed = samples.get(random.nextInt(samples.size()));
            return seed + " " + seed.repeat(1 + random.nextInt(10)) + noise(random, random.nextInt(500));
        }
        return mutate(random, samples.get(random.nextInt(samples.size())), samples);
    }

    private static String mutate(Random random, String seed, List<String> samples) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 1 -> s.insert(at, noise(random, 1 + random.nextInt(6)));
                case 2 -> s.setLength(at);
                case 3 -> {
                    String other = samples.get(random.nextInt(samples.size()));
                    s.insert(at, other.substring(random.nextInt(other.length() + 1)));
                }
                default -> {
                    if (s.length() > 0) {
                        s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        return s.toString();
    }

    private static String noise(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    static String escape(String line) {
        String shown = line.length() > 300 ? line.substring(0, 300) + "..." : line;
        return shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
