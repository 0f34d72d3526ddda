package io.vigil.parse;

import io.vigil.event.Event;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs one parser type over corpus files, printing per file lines, parsed and failed, and collecting
 * every difference from the expected fields so that one run lists them all.
 */
final class CorpusTally {
    private static final int FAILURES_SHOWN = 3;
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(?:\\.\\d+)?$");

    private final String type;
    private final Supplier<Parser> parsers;
    private long lines;
    private long parsed;
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();

    CorpusTally(String type, Supplier<Parser> parsers) {
        this.type = type;
        this.parsers = parsers;
    }

    /** Parses the file with a fresh parser (a VPC flow header must not leak into the next file). */
    void run(CorpusFile file) {
        Parser parser = parsers.get();
        int ok = 0;
        int headers = 0;
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < file.lines().size(); i++) {
            String line = file.lines().get(i);
            ParseResult result = parser.parse(new RawEvent(line, file.received()));
            if (result instanceof ParseResult.Parsed p) {
                ok++;
                if (p.events().isEmpty()) {
                    headers++;
                    continue;
                }
                Map<String, String> expected = file.expected().get(i);
                if (expected != null) {
                    compared += compare(file.label(), i, expected, p.events().get(0));
                }
            } else if (failures.size() < FAILURES_SHOWN) {
                failures.add(((ParseResult.Failed) result).reason() + " :: " + abbreviate(line));
            }
        }
        lines += file.lines().size();
        parsed += ok;
        System.out.printf(Locale.ROOT, "%-12s %-78s lines=%5d parsed=%5d failed=%4d%s%s%n", type, file.label(),
                file.lines().size(), ok, file.lines().size() - ok,
                headers > 0 ? " headers=" + headers : "", compared > 0 ? " fields-compared=" + compared : "");
        failures.forEach(f -> System.out.println("    failed: " + f));
    }

    /** A file left out on purpose, reported with the reason. */
    void exclude(String label, String reason) {
        excluded.add(label + ": " + reason);
        System.out.printf(Locale.ROOT, "%-12s %-78s excluded: %s%n", type, label, reason);
    }

    double rate() {
        return lines == 0 ? 0 : (double) parsed / lines;
    }

    long lines() {
        return lines;
    }

    List<String> mismatches() {
        return mismatches;
    }

    void printSummary() {
        System.out.printf(Locale.ROOT, "%-12s TOTAL lines=%d parsed=%d rate=%.1f%% mismatches=%d excluded=%d%n",
                type, lines, parsed, 100 * rate(), mismatches.size(), excluded.size());
        mismatches.forEach(m -> System.out.println("    mismatch: " + m));
    }

    private int compare(String label, int index, Map<String, String> expected, Event event) {
        int n = 0;
        for (Map.Entry<String, String> f : expected.entrySet()) {
            Object actual = event.get(f.getKey());
            if (!same(f.getValue(), actual)) {
                mismatches.add(label + " line " + (index + 1) + ": " + f.getKey() + " expected <" + f.getValue()
                        + "> but was <" + actual + ">");
            }
            n++;
        }
        return n;
    }

    /** Equal as text, case-insensitively for words, and as instants to the millisecond for times. */
    private static boolean same(String expected, Object actual) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Instant time) {
            try {
                return Instant.parse(expected).truncatedTo(ChronoUnit.MILLIS).equals(time.truncatedTo(ChronoUnit.MILLIS));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        String text = actual.toString();
        if (NUMBER.matcher(expected).matches() && NUMBER.matcher(text).matches()) {
            // Some sources write 25238.0 for a port.
            return Double.parseDouble(expected) == Double.parseDouble(text);
        }
        return expected.equalsIgnoreCase(text);
    }

    private static String abbreviate(String line) {
        String oneLine = line.replace("\n", "\\n");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
