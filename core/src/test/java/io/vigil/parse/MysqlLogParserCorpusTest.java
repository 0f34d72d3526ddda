package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link MysqlLogParser} over Filebeat's MySQL error log test files (Apache-2.0) in
 * {@code ../shared/data/elastic-beats-filebeat}, one record per line as Filebeat's error fileset
 * reads them, compared with Filebeat's expected output where it exists. That output is a 2019
 * snapshot: its {@code message} is the text after the prefix, so Vigil's raw line must end with it.
 *
 * <p>{@code mysql-ubuntu-5.5.53.log} has a shell session pasted into it by its authors
 * ({@code vagrant@precise32:~$ ...} and the commands' output). Those lines are not MySQL output:
 * the test checks that the parser rejects every one of them and leaves them out of the rate.
 */
class MysqlLogParserCorpusTest {
    private static final Pattern SHELL_PROMPT = Pattern.compile("^\\S+@\\S+:\\S*\\$ ");
    private static final Pattern LOG_START = Pattern.compile("^(\\d{6} |\\d{4}-\\d\\d-\\d\\d|InnoDB: |Version: |ERROR: )");

    private final MysqlLogParser parser = new MysqlLogParser("mysql.error");

    @Test
    void parsesFilebeatMysqlErrorLogs() throws IOException {
        Path folder = SharedData.folder("elastic-beats-filebeat/filebeat/module/mysql/error/test");
        CloudCorpusTally tally = new CloudCorpusTally("elastic-beats-filebeat mysql");
        int shellLines = 0;
        for (Path file : SharedData.files(folder, ".log")) {
            List<String> records = new ArrayList<>();
            List<ParseResult> results = new ArrayList<>();
            boolean inShell = false;
            for (String line : ParserContract.nonBlankLines(file)) {
                inShell = SHELL_PROMPT.matcher(line).lookingAt() || inShell && !LOG_START.matcher(line).lookingAt();
                ParseResult result = parser.parse(RawEvent.of(line));
                if (inShell) {
                    shellLines++;
                    assertThat(result).as("pasted shell line %s", line).isInstanceOf(ParseResult.Failed.class);
                    continue;
                }
                records.add(line);
                results.add(result);
            }
            int parsed = 0;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof ParseResult.Failed failed) {
                    tally.failure(file.getFileName() + ": " + records.get(i), failed.reason());
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
        tally.note(shellLines + " pasted shell-session lines rejected, as they should be, and not counted");
        tally.report(0.95);
    }

    /** Field by field against Filebeat's 2019 output; same names then as now for these fields. */
    private static List<String> compare(String file, JsonNode expected, List<ParseResult> results) {
        List<String> problems = new ArrayList<>();
        if (expected.size() != results.size()) {
            problems.add(file + ": " + results.size() + " records, Filebeat expects " + expected.size());
            return problems;
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode want = expected.get(i);
            String where = file + " record " + (i + 1);
            if (!(results.get(i) instanceof ParseResult.Parsed)) {
                problems.add(where + ": not parsed");
                continue;
            }
            Event e = ParserContract.single(results.get(i));
            // Filebeat kept milliseconds only, and no time for lines written without one.
            Instant time = want.has("@timestamp") ? Instant.parse(want.get("@timestamp").asText()) : null;
            Instant ours = e.timestamp() == null ? null : e.timestamp().truncatedTo(ChronoUnit.MILLIS);
            if (!Objects.equals(time, ours)) {
                problems.add(where + ": @timestamp is " + e.timestamp() + ", Filebeat expects " + time);
            }
            if (!Objects.equals(want.path("log.level").textValue(), e.get("log.level"))) {
                problems.add(where + ": log.level is " + e.get("log.level")
                        + ", Filebeat expects " + want.path("log.level"));
            }
            Long thread = want.has("mysql.thread_id") ? want.get("mysql.thread_id").longValue() : null;
            if (!Objects.equals(thread, e.get("mysql.thread_id"))) {
                problems.add(where + ": mysql.thread_id is " + e.get("mysql.thread_id") + ", Filebeat expects " + thread);
            }
            if (!e.getString(Ecs.MESSAGE).endsWith(want.path("message").asText())) {
                problems.add(where + ": message does not end with Filebeat's " + want.path("message"));
            }
        }
        return problems;
    }
}
