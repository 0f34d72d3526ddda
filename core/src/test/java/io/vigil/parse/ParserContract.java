package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every parser of a structured format promises, checked the same way for each: the hostile
 * input of {@link HostileInputContract}, the ECS basics on every event, the same answers from many
 * threads, and its sample files turned into the expected fields.
 *
 * <p>Samples live in {@code src/test/resources/parse/<type>/}: an input file with one record per
 * line beside {@code <name>.expected.json}, a JSON array with one entry per non-blank line. An
 * entry is an object of expected fields (dotted names; a subset of the event), an array of such
 * objects when the record gives several events, or {@code {"_failed": "words in the reason"}}.
 * The key {@code _absent} lists fields the event must not have.
 */
abstract class ParserContract implements HostileInputContract {
    static final Instant RECEIVED = Instant.parse("2030-01-01T00:00:00Z");

    /** The parser under test. */
    abstract Parser parser();

    /** Its type name, which is also the sample folder under {@code parse/}. */
    abstract String type();

    /** The dataset it is expected to set on every event it parses. */
    abstract String dataset();

    @Test
    void givesEveryParsedEventTheEcsBasics() {
        for (String line : sampleLines()) {
            if (parser().parse(new RawEvent(line, RECEIVED)) instanceof ParseResult.Parsed parsed) {
                for (Event e : parsed.events()) {
                    if (e.hasTag(Ecs.TAG_PARSE_FAILURE)) {
                        continue;
                    }
                    assertThat(e.getString(Ecs.MESSAGE)).as("message of %s", line).isNotEmpty();
                    assertThat(e.get(Ecs.EVENT_DATASET)).as("dataset of %s", line).isNotNull();
                    assertThat(e.get(Ecs.EVENT_KIND)).as("kind of %s", line).isIn("event", "alert");
                    assertThat(e.get(Ecs.EVENT_CATEGORY)).as("category of %s", line).isInstanceOf(List.class);
                    assertThat(e.get(Ecs.EVENT_TYPE)).as("type of %s", line).isInstanceOf(List.class);
                    assertThat(e.get(Ecs.EVENT_OUTCOME)).as("outcome of %s", line)
                            .isIn("success", "failure", "unknown");
                    Object time = e.get(Ecs.TIMESTAMP);
                    assertThat(time == null || time instanceof Instant).as("@timestamp of %s", line).isTrue();
                }
            }
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<String> lines = sampleLines();
        List<String> expected = lines.stream().map(this::render).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        out.clear();
                        lines.forEach(line -> out.add(render(line)));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void turnsSamplesIntoTheExpectedFields() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path input : sampleFiles()) {
            Path expectedFile = input.resolveSibling(baseName(input) + ".expected.json");
            if (!Files.exists(expectedFile)) {
                continue;
            }
            JsonNode expected = EventJson.MAPPER.readTree(expectedFile.toFile());
            List<String> lines = nonBlankLines(input);
            assertThat(expected.size()).as("entries in %s", expectedFile.getFileName()).isEqualTo(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String where = input.getFileName() + " line " + (i + 1);
                ParseResult result = parser().parse(new RawEvent(lines.get(i), RECEIVED));
                problems.addAll(ExpectedFields.compare(where, expected.get(i), result, dataset()));
                checked++;
            }
        }
        assertThat(checked).as("samples checked for " + type()).isPositive();
        assertThat(problems).as("mismatches").isEmpty();
    }

    private String render(String line) {
        ParseResult result = parser().parse(new RawEvent(line, RECEIVED));
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.events().stream().map(e -> EventJson.toFlat(e).toString()).toList().toString();
        }
        return "failed: " + ((ParseResult.Failed) result).reason();
    }

    @Override
    public Parser parserUnderTest() {
        return parser();
    }

    @Override
    public List<String> validSamples() {
        return sampleLines();
    }

    /** Every non-blank line of every sample input for this type. */
    List<String> sampleLines() {
        List<String> lines = new ArrayList<>();
        for (Path p : sampleFiles()) {
            lines.addAll(nonBlankLines(p));
        }
        return lines;
    }

    List<Path> sampleFiles() {
        URL url = ParserContract.class.getResource("/parse/" + type());
        assertThat(url).as("sample folder parse/%s", type()).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> nonBlankLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String baseName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** The one event a record gave, failing the test when it gave something else. */
    static Event single(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        List<Event> events = ((ParseResult.Parsed) result).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    static Map<String, Object> fields(ParseResult result) {
        return single(result).fields();
    }
}
