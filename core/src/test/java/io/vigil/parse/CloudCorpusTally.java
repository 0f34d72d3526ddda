package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of a corpus run per file (records, parsed, failed), printed as a table, with the first
 * failure reasons and the mismatches against expected outputs, so one run shows everything.
 */
final class CloudCorpusTally {
    private static final int REASONS_SHOWN = 10;

    private record Row(String file, int records, int parsed) {}

    private final String source;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    CloudCorpusTally(String source) {
        this.source = source;
    }

    void add(String file, int records, int parsed) {
        rows.add(new Row(file, records, parsed));
    }

    void failure(String where, String reason) {
        reasons.add(where + ": " + reason);
    }

    /** A line printed under the table, for what the counts leave out. */
    void note(String note) {
        notes.add(note);
    }

    void mismatches(List<String> found) {
        mismatches.addAll(found);
    }

    int records() {
        return rows.stream().mapToInt(Row::records).sum();
    }

    int parsed() {
        return rows.stream().mapToInt(Row::parsed).sum();
    }

    /** Prints the table, then asserts the parse rate and that expected outputs matched. */
    void report(double minimumRate) {
        double rate = print();
        assertThat(records()).as("records found for " + source).isPositive();
        assertThat(rate).as("parse rate of " + source + " (%)").isGreaterThanOrEqualTo(100 * minimumRate);
        assertThat(mismatches).as("fields differing from the expected output of " + source).isEmpty();
    }

    /** Prints the table, the first failure reasons and mismatches; answers the parse rate in percent. */
    double print() {
        StringBuilder out = new StringBuilder("\n== corpus " + source + " ==\n");
        out.append(String.format("%8s %8s %8s  %s%n", "records", "parsed", "failed", "file"));
        for (Row r : rows) {
            out.append(String.format("%8d %8d %8d  %s%n", r.records(), r.parsed(), r.records() - r.parsed(), r.file()));
        }
        double rate = records() == 0 ? 0 : 100.0 * parsed() / records();
        out.append(String.format("%8d %8d %8d  total, %.1f%% parsed%n", records(), parsed(), records() - parsed(), rate));
        notes.forEach(n -> out.append("  note: ").append(n).append('\n'));
        reasons.stream().limit(REASONS_SHOWN).forEach(r -> out.append("  failed ").append(r).append('\n'));
        mismatches.stream().limit(REASONS_SHOWN).forEach(m -> out.append("  mismatch ").append(m).append('\n'));
        System.out.print(out);
        return rate;
    }
}
