package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs corpus files through their parsers and keeps, per source and type: records read, records
 * parsed without {@code _parse_failure}, and per field how often Vigil's value agreed with the
 * source's expected one where both have the field. A field the source expected and Vigil did not
 * produce is counted apart, as missing. Renders the figures as Markdown and lists every target
 * missed, so one run shows all.
 */
final class ParsingReport {
    /** The fields the issue sets the agreement target on. */
    static final List<String> KEY_FIELDS = List.of(Ecs.TIMESTAMP, Ecs.SOURCE_IP, Ecs.USER_NAME,
            Ecs.HTTP_RESPONSE_STATUS_CODE, Ecs.HTTP_REQUEST_METHOD, Ecs.URL_ORIGINAL, Ecs.EVENT_OUTCOME);
    /**
     * Key fields that state a fact of the line, which Vigil must extract wherever a source found it;
     * {@code event.outcome} is a judgement whose conventions differ (Sekoia rates a disconnect a
     * success, Vigil gives a disconnect no outcome), so only its agreement is held to the target.
     */
    static final List<String> FACT_FIELDS = KEY_FIELDS.subList(0, KEY_FIELDS.size() - 1);
    private static final int EXAMPLES = 5;

    /** One field: expected by the source, missing in Vigil's event, compared (both have it), agreeing. */
    private static final class FieldTally {
        long expected;
        long absent;
        long agreed;

        long compared() {
            return expected - absent;
        }

        void add(FieldTally other) {
            expected += other.expected;
            agreed += other.agreed;
            absent += other.absent;
        }
    }

    /** One row of the report: a source's records of one type. */
    private static final class Row {
        final String source;
        final String type;
        final List<String> files = new ArrayList<>();
        final List<CorpusRun.Exclusion> excluded = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, FieldTally> fields = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        final List<String> differences = new ArrayList<>();
        long records;
        long parsed;

        Row(String source, String type) {
            this.source = source;
            this.type = type;
        }

        FieldTally total() {
            FieldTally all = new FieldTally();
            fields.values().forEach(all::add);
            return all;
        }
    }

    private final double parseTarget;
    private final double agreementTarget;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    ParsingReport(double parseTarget, double agreementTarget) {
        this.parseTarget = parseTarget;
        this.agreementTarget = agreementTarget;
    }

    void run(CorpusRun run) {
        Row row = rows.computeIfAbsent(run.source() + "\u0000" + run.type(), k -> new Row(run.source(), run.type()));
        row.excluded.addAll(run.excluded());
        row.notes.addAll(run.notes());
        for (CorpusFile file : run.files()) {
            long before = row.parsed;
            Parser parser = run.parsers().get();
            for (int i = 0; i < file.lines().size(); i++) {
                record(row, file, i, parser.parse(new RawEvent(file.lines().get(i), file.received())));
            }
            row.files.add(file.label());
            System.out.printf(Locale.ROOT, "%-12s %-90s records=%6d parsed=%6d%n", run.type(), file.label(),
                    file.lines().size(), row.parsed - before);
        }
    }

    private void record(Row row, CorpusFile file, int index, ParseResult result) {
        row.records++;
        String where = file.label() + " #" + (index + 1);
        if (result instanceof ParseResult.Failed failed) {
            example(row.failures, where + ": " + failed.reason() + " :: " + abbreviate(file.lines().get(index)));
            return;
        }
        List<Event> events = ((ParseResult.Parsed) result).events();
        for (Event e : events) {
            if (e.hasTag(Ecs.TAG_PARSE_FAILURE)) {
                example(row.failures, where + ": " + e.getString(Ecs.ERROR_MESSAGE));
                return;
            }
        }
        row.parsed++;
        Map<String, String> expected = file.expected().get(index);
        if (expected != null && !events.isEmpty()) {
            compare(row, where, expected, events.get(0));
        }
    }

    private static void compare(Row row, String where, Map<String, String> expected, Event event) {
        expected.forEach((field, want) -> {
            FieldTally tally = row.fields.computeIfAbsent(field, f -> new FieldTally());
            tally.expected++;
            Object got = event.get(field);
            if (got == null) {
                tally.absent++;
                example(row.differences, where + ": " + field + " missing, expected <" + want + ">");
            } else if (ExpectedValues.agree(want, got)) {
                tally.agreed++;
            } else {
                example(row.differences, where + ": " + field + " is <" + got + ">, expected <" + want + ">");
            }
        });
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }

    /** Every target missed: a row parsed below target or disagreeing too often, a key field of a type below target. */
    List<String> misses() {
        List<String> misses = new ArrayList<>();
        for (Row row : rows.values()) {
            String name = row.source + " (" + row.type + ")";
            if (row.records == 0) {
                misses.add(name + ": no records found");
                continue;
            }
            if (share(row.parsed, row.records) < parseTarget) {
                misses.add(String.format(Locale.ROOT, "%s: %.2f%% parsed, target %.0f%%; e.g. %s", name,
                        100 * share(row.parsed, row.records), 100 * parseTarget, row.failures));
            }
            FieldTally all = row.total();
            if (share(all.agreed, all.compared()) < agreementTarget) {
                misses.add(String.format(Locale.ROOT, "%s: %.2f%% of %d compared fields agree, target %.0f%%; e.g. %s",
                        name, 100 * share(all.agreed, all.compared()), all.compared(), 100 * agreementTarget, row.differences));
            }
        }
        keyFieldsByType().forEach((type, fields) -> fields.forEach((field, tally) -> {
            if (share(tally.agreed, tally.compared()) < agreementTarget) {
                misses.add(String.format(Locale.ROOT, "%s: %s agrees in %.2f%% of %d records, target %.0f%%",
                        type, field, 100 * share(tally.agreed, tally.compared()), tally.compared(), 100 * agreementTarget));
            }
            if (FACT_FIELDS.contains(field) && share(tally.compared(), tally.expected) < agreementTarget) {
                misses.add(String.format(Locale.ROOT, "%s: %s missing in %d of %d records that state it, target %.0f%% present",
                        type, field, tally.absent, tally.expected, 100 * agreementTarget));
            }
        }));
        return misses;
    }

    private Map<String, Map<String, FieldTally>> keyFieldsByType() {
        Map<String, Map<String, FieldTally>> byType = new TreeMap<>();
        for (Row row : rows.values()) {
            Map<String, FieldTally> fields = byType.computeIfAbsent(row.type, t -> new LinkedHashMap<>());
            for (String key : KEY_FIELDS) {
                FieldTally tally = row.fields.get(key);
                if (tally != null) {
                    fields.computeIfAbsent(key, k -> new FieldTally()).add(tally);
                }
            }
        }
        return byType;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 1 : (double) part / whole;
    }

    /** The figures as Markdown: results per source and type, key fields per type, exclusions, notes, examples. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| source | type | files | records | parsed | parsed % | fields compared | agreement % | fields missing |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        long records = 0;
        long parsed = 0;
        FieldTally fields = new FieldTally();
        for (Row row : rows.values()) {
            FieldTally all = row.total();
            md.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %,d | %,d | %s | %,d | %s | %,d |%n", row.source,
                    row.type, row.files.size(), row.records, row.parsed, percent(row.parsed, row.records), all.compared(),
                    percent(all.agreed, all.compared()), all.absent));
            records += row.records;
            parsed += row.parsed;
            fields.add(all);
        }
        md.append(String.format(Locale.ROOT, "| **all** | | | **%,d** | **%,d** | **%s** | **%,d** | **%s** | **%,d** |%n",
                records, parsed, percent(parsed, records), fields.compared(), percent(fields.agreed, fields.compared()),
                fields.absent));
        keyFieldTable(md);
        exclusions(md);
        notes(md);
        examples(md);
        return md.toString();
    }

    private void keyFieldTable(StringBuilder md) {
        md.append("\n### Agreement on the key fields, by type\n\n");
        md.append("Agreement % (records where both sides have the field), then records where the source states it "
                + "and Vigil's event lacks it; – where no source states the field for that type.\n\n");
        md.append("| type |");
        KEY_FIELDS.forEach(f -> md.append(" `").append(f).append("` |"));
        md.append("\n| --- |").append(" ---: |".repeat(KEY_FIELDS.size())).append('\n');
        keyFieldsByType().forEach((type, tallies) -> {
            md.append("| `").append(type).append("` |");
            for (String key : KEY_FIELDS) {
                FieldTally t = tallies.get(key);
                md.append(t == null ? " – |" : " " + percent(t.agreed, t.compared()) + " (" + t.compared() + ")"
                        + (t.absent > 0 ? ", " + t.absent + " missing" : "") + " |");
            }
            md.append('\n');
        });
    }

    private void exclusions(StringBuilder md) {
        md.append("\n### Left out, and why\n\n");
        md.append("Records of these files are not in the format of the type they were filed under; they are not counted above.\n\n");
        md.append("| source | type | what | records | why |\n| --- | --- | --- | ---: | --- |\n");
        for (Row row : rows.values()) {
            for (CorpusRun.Exclusion x : row.excluded) {
                md.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %d | %s |%n", row.source, row.type,
                        x.label(), x.records(), x.reason()));
            }
        }
    }

    private void notes(StringBuilder md) {
        md.append("\n### How the sources were read\n\n");
        for (Row row : rows.values()) {
            for (String note : row.notes) {
                md.append("- ").append(row.source).append(" (`").append(row.type).append("`): ").append(note).append('\n');
            }
        }
    }

    private void examples(StringBuilder md) {
        md.append("\n### Remaining failures and differences (first ").append(EXAMPLES).append(" per row)\n\n");
        boolean any = false;
        for (Row row : rows.values()) {
            if (row.failures.isEmpty() && row.differences.isEmpty()) {
                continue;
            }
            any = true;
            md.append("- ").append(row.source).append(" (`").append(row.type).append("`)\n");
            row.failures.forEach(f -> md.append("  - failed: `").append(f.replace("`", "'")).append("`\n"));
            row.differences.forEach(d -> md.append("  - differs: `").append(d.replace("`", "'")).append("`\n"));
        }
        if (!any) {
            md.append("None.\n");
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.2f", 100.0 * part / whole);
    }

    private static String abbreviate(String line) {
        String oneLine = line.replace("\n", "\\n").replace("|", "\\|");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
