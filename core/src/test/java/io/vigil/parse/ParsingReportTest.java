package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proof on real logs: runs every file of the shared test data ({@code ../shared/data}, system
 * property {@code vigil.shared.data}; sources and licences in its MANIFEST.md) that belongs to a
 * supported type through that type's parser, and reports per source and type the records read,
 * those parsed without {@code _parse_failure}, and the agreement with the source's expected output
 * on the fields both name, old names mapped to today's ECS ones. Writes the table into
 * {@code docs/parsing.md} between its report markers, then fails listing every target missed:
 * at least 99% parsed for every source and type, at least 98% agreement per source and type and,
 * per type, on each of {@link ParsingReport#KEY_FIELDS}. Skipped, naming the folder, when the
 * shared data is absent. The files are only read here: several may not be copied into the project.
 */
class ParsingReportTest {
    static final double PARSE_TARGET = 0.99;
    static final double AGREEMENT_TARGET = 0.98;
    static final String START = "<!-- parsing-report:start (written by ParsingReportTest; do not edit by hand) -->";
    static final String END = "<!-- parsing-report:end -->";

    @Test
    void meetsTheTargetsOnEverySharedLogAndWritesTheReport() throws IOException {
        String dir = System.getProperty("vigil.shared.data");
        boolean present = dir != null && Files.isDirectory(Path.of(dir));
        String skipped = "shared test data folder " + dir + " (../shared/data beside the checkout) not found; "
                + "the parsing report was not run";
        if (!present) {
            // Surefire does not show an assumption's message; say it in the build log.
            System.out.println(getClass().getSimpleName() + ": " + skipped);
        }
        assumeTrue(present, skipped);
        Path root = Path.of(dir);
        List<CorpusRun> runs = new ArrayList<>();
        runs.addAll(WebCorpora.runs(root));
        runs.addAll(HostCorpora.runs(root));
        runs.addAll(CloudCorpora.runs(root));
        ParsingReport report = new ParsingReport(PARSE_TARGET, AGREEMENT_TARGET);
        runs.forEach(report::run);
        writeReport(report.markdown());
        assertThat(report.misses()).as("targets missed (see docs/parsing.md)").isEmpty();
    }

    /** Replaces the text between the markers of {@code docs/parsing.md}, beside the module folder. */
    private static void writeReport(String table) throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("docs").resolve("parsing.md");
        String text = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : START + "\n" + END + "\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("report start marker in %s", docs).isNotNegative();
        assertThat(end).as("report end marker in %s", docs).isGreaterThan(start);
        String updated = text.substring(0, start + START.length()) + "\n\n" + table + "\n" + text.substring(end);
        Files.writeString(docs, updated, StandardCharsets.UTF_8);
        System.out.println(table);
    }
}
