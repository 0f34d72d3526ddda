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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every line parser must do, checked once for all of them (after Lucene's
 * {@code BaseTokenStreamTestCase}): golden files, answers that do not depend on the thread, and
 * the hostile input of {@link HostileInputContract}.
 *
 * <p>Golden files live in {@code src/test/resources/parse/<type>/}: {@code <name>.log} beside
 * {@code <name>.expected.json}, a JSON array with one entry per non-blank line, in order. An object
 * is the complete event the line must give, without {@code message} (always the line itself);
 * {@code {"_failed": "text"}} means the line must fail with a reason containing the text; {@code []}
 * means the line is understood but gives no event (a header).
 */
abstract class LineParserTestCase implements HostileInputContract {
    /** Fixed receive time, so that syslog year inference gives the same answer on every run. */
    static final Instant RECEIVED = Instant.parse("2024-06-15T12:00:00Z");

    /** A new parser, in its initial state. */
    abstract Parser parser();

    /** The type name, which is also the folder of its golden files. */
    abstract String type();

    /** The {@code event.dataset} every event must carry. */
    abstract String dataset();

    static ParseResult parse(Parser parser, String line) {
        return parser.parse(new RawEvent(line, RECEIVED));
    }

    /** The only event of a line that must parse. */
    static Event event(Parser parser, String line) {
        ParseResult result = parse(parser, line);
        assertThat(result).as("%s", line).isInstanceOf(ParseResult.Parsed.class);
        List<Event> events = ((ParseResult.Parsed) result).events();
        assertThat(events).as("%s", line).hasSize(1);
        return events.get(0);
    }

    @Test
    void goldenFilesGiveTheirExpectedEvents() throws IOException {
        List<Path> logs = goldenLogs();
        assertThat(logs).as("golden .log files for %s", type()).isNotEmpty();
        for (Path log : logs) {
            checkGolden(log);
        }
    }

    private void checkGolden(Path log) throws IOException {
        List<String> lines = nonBlankLines(log);
        Path expectedFile = log.resolveSibling(log.getFileName().toString().replace(".log", ".expected.json"));
        JsonNode expected = EventJson.MAPPER.readTree(expectedFile.toFile());
        assertThat(expected.size()).as("entries in %s", expectedFile.getFileName()).isEqualTo(lines.size());
        Parser parser = parser();
        for (int i = 0; i < lines.size(); i++) {
            String where = log.getFileName() + " line " + (i + 1) + ": " + lines.get(i);
            checkLine(parser, lines.get(i), expected.get(i), where);
        }
    }

    private void checkLine(Parser parser, String line, JsonNode expected, String where) {
        ParseResult result = parse(parser, line);
        if (expected.has("_failed")) {
            assertThat(result).as(where).isInstanceOf(ParseResult.Failed.class);
            assertThat(((ParseResult.Failed) result).reason()).as(where).contains(expected.get("_failed").asText());
            return;
        }
        assertThat(result).as(where).isInstanceOf(ParseResult.Parsed.class);
        List<Event> events = ((ParseResult.Parsed) result).events();
        if (expected.isArray()) {
            assertThat(events).as(where).isEmpty();
            return;
        }
        assertThat(events).as(where).hasSize(1);
        Event event = events.get(0);
        assertThat(event.get(Ecs.MESSAGE)).as(where).isEqualTo(line);
        assertThat(fields(EventJson.toFlat(event))).as(where).isEqualTo(fields(expected));
    }

    /** Field name to JSON text, sorted, without message; so that 5 and 5L compare equal. */
    private static Map<String, String> fields(JsonNode flat) {
        Map<String, String> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = flat.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals(Ecs.MESSAGE)) {
                out.put(f.getKey(), f.getValue().toString());
            }
        }
        return out;
    }

    /** False for a parser whose answer depends on lines seen before (a VPC flow log header). */
    boolean stateless() {
        return true;
    }

    @Test
    void oneInstanceGivesTheSameAnswersOnManyThreads() throws IOException {
        if (!stateless()) {
            return;
        }
        Parser parser = parser();
        List<String> lines = sampleLines();
        List<String> alone = lines.stream().map(l -> answer(parser, l)).toList();
        List<String> together = IntStream.range(0, 50 * lines.size()).parallel()
                .mapToObj(i -> answer(parser, lines.get(i % lines.size())))
                .toList();
        for (int i = 0; i < together.size(); i++) {
            assertThat(together.get(i)).isEqualTo(alone.get(i % lines.size()));
        }
    }

    private static String answer(Parser parser, String line) {
        ParseResult result = parse(parser, line);
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
        try {
            return sampleLines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean keepsTheRecordAsMessage() {
        return true;
    }

    @Override
    public String datasetOfEveryEvent() {
        return dataset();
    }

    /** Every non-blank line of the golden logs: seeds for mutation. */
    private List<String> sampleLines() throws IOException {
        List<String> samples = new ArrayList<>();
        for (Path log : goldenLogs()) {
            samples.addAll(nonBlankLines(log));
        }
        return samples;
    }

    private List<Path> goldenLogs() throws IOException {
        URL folder = getClass().getClassLoader().getResource("parse/" + type());
        assertThat(folder).as("test resource folder parse/%s", type()).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    static List<String> nonBlankLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
