package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresqlLogParser} over Filebeat's PostgreSQL test logs (Apache-2.0) in
 * {@code ../shared/data/elastic-beats-filebeat}. Records are framed as Filebeat's multiline
 * setting frames them (a line starting with a date begins a record; tab-indented statement lines
 * continue it) and compared with Filebeat's expected output.
 *
 * <p>That output is a 2019 snapshot with known differences: it read the local time as UTC,
 * ignoring the zone name, where Vigil applies it; it named the session line number
 * {@code postgresql.log.core_id}, today's {@code postgresql.log.session_line_num}; and its
 * {@code message} is the text after the prefix, so Vigil's raw record must end with it.
 */
class PostgresqlLogParserCorpusTest {
    private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d ");
    /** The zones these files use, written out here rather than taken from the code under test. */
    private static final Map<String, Duration> ZONES = Map.of("CEST", Duration.ofHours(2), "EST", Duration.ofHours(-5));

    private final PostgresqlLogParser parser = new PostgresqlLogParser("postgresql.log");

    @Test
    void parsesFilebeatPostgresqlLogs() throws IOException {
        Path folder = SharedData.folder("elastic-beats-filebeat/filebeat/module/postgresql/log/test");
        CloudCorpusTally tally = new CloudCorpusTally("elastic-beats-filebeat postgresql");
        for (Path file : SharedData.files(folder, ".log")) {
            List<String> records = LogFraming.records(ParserContract.nonBlankLines(file), RECORD_START);
            List<ParseResult> results = new ArrayList<>();
            int parsed = 0;
            for (String record : records) {
                ParseResult result = parser.parse(RawEvent.of(record));
                results.add(result);
                if (result instanceof ParseResult.Failed failed) {
                    tally.failure(file.getFileName().toString(), failed.reason());
                } else {
                    parsed++;
                }
            }
            tally.add(file.getFileName().toString(), records.size(), parsed);
            Path expected = file.resolveSibling(file.getFileName() + "-expected.json");
            if (Files.exists(expected)) {
                JsonNode want = EventJson.MAPPER.readTree(expected.toFile());
                tally.mismatches(compare(file.getFileName().toString(), want, results));
            }
        }
        tally.report(0.95);
    }

    private static List<String> compare(String file, JsonNode expected, List<ParseResult> results) {
        List<String> problems = new ArrayList<>();
        if (expected.size() != results.size()) {
            problems.add(file + ": " + results.size() + " records, Filebeat expects " + expected.size());
            return problems;
        }
        for (int i = 0; i < results.size(); i++) {
            String where = file + " record " + (i + 1);
            if (!(results.get(i) instanceof ParseResult.Parsed)) {
                problems.add(where + ": not parsed");
                continue;
            }
            problems.addAll(compareRecord(where, expected.get(i), ParserContract.single(results.get(i))));
        }
        return problems;
    }

    private static List<String> compareRecord(String where, JsonNode want, Event e) {
        List<String> problems = new ArrayList<>();
        Duration zone = ZONES.get(want.path("event.timezone").asText());
        Instant time = Instant.parse(want.path("@timestamp").asText()).minus(zone == null ? Duration.ZERO : zone);
        if (!time.equals(e.timestamp())) {
            problems.add(where + ": @timestamp is " + e.timestamp() + ", expected " + time);
        }
        same(problems, where, "event.timezone", want, "event.timezone", e);
        same(problems, where, "log.level", want, "log.level", e);
        same(problems, where, "process.pid", want, "process.pid", e);
        same(problems, where, "postgresql.log.core_id", want, "postgresql.log.session_line_num", e);
        same(problems, where, "postgresql.log.query", want, "postgresql.log.query", e);
        // Filebeat computed the duration in floating point (26.082 ms gave 26082001 ns); Vigil is exact.
        if (want.has("event.duration") && !(e.get("event.duration") instanceof Long nanos
                && Math.abs(nanos - want.get("event.duration").longValue()) <= 1_000)) {
            problems.add(where + ": event.duration is " + e.get("event.duration")
                    + ", Filebeat's is " + want.get("event.duration"));
        }
        // Filebeat wrote PostgreSQL's "[unknown]" as "unknown"; Vigil leaves the field out.
        if (!"unknown".equals(want.path("user.name").asText())) {
            same(problems, where, "user.name", want, "user.name", e);
            same(problems, where, "postgresql.log.database", want, "postgresql.log.database", e);
        }
        if (!e.getString(Ecs.MESSAGE).endsWith(want.path("message").asText())) {
            problems.add(where + ": message does not end with Filebeat's " + want.path("message"));
        }
        return problems;
    }

    private static void same(List<String> problems, String where, String theirs, JsonNode want, String ours, Event e) {
        Object expected = EventJson.fromNode(want.get(theirs));
        if (!Objects.equals(expected, e.get(ours))) {
            problems.add(where + ": " + ours + " is " + e.get(ours) + ", Filebeat's " + theirs + " is " + expected);
        }
    }
}
