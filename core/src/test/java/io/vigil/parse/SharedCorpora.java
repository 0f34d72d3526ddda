package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the third-party material in {@code ../shared/data} into {@link CorpusFile}s, each in the
 * shape its project keeps it: Filebeat module logs with their {@code -expected.json}, CrowdSec hub
 * tests with their {@code parser.assert}, Sekoia intake tests, fail2ban's annotated logs, and
 * records quoted in documentation. Files are only read, never copied. What a source expected is
 * handed over in its own names and translated by the caller (see {@link ExpectedNames}).
 */
final class SharedCorpora {
    private SharedCorpora() {}

    private static final Pattern CROWDSEC_ASSERT = Pattern.compile(
            "^results\\[\"([^\"]+)\"\\]\\[\"([^\"]+)\"\\]\\[(\\d+)\\]\\.Evt\\.(Parsed|Meta|Enriched)\\[\"(\\w+)\"\\] == \"(.*)\"$");
    private static final Pattern CODE_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DOC_COMMENT = Pattern.compile(" #.*$");
    private static final Pattern FAIL_JSON = Pattern.compile("^#+ ?failJSON: *(\\{.*\\})\\s*$");

    /**
     * A Filebeat module test log. Records start at lines {@code recordStart} matches (null: every
     * line is a record), as Filebeat's multiline setting frames them; the expected output in
     * {@code <log>-expected.json} is matched to records by {@code log.offset}.
     */
    static CorpusFile filebeat(Path root, Path log, Instant received, Pattern recordStart,
                               Function<Map<String, Object>, Map<String, String>> expect) {
        return filebeat(root, log, l -> true, received, recordStart, expect);
    }

    /** As above, reading only the lines {@code select} accepts. */
    static CorpusFile filebeat(Path root, Path log, Predicate<String> select, Instant received, Pattern recordStart,
                               Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> records = new ArrayList<>();
        Map<Long, Integer> recordAtOffset = new HashMap<>();
        byte[] bytes = readBytes(log);
        int start = 0;
        StringBuilder current = null;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            if (!line.isBlank() && select.test(line)) {
                if (current == null || recordStart == null || recordStart.matcher(line).lookingAt()) {
                    if (current != null) {
                        records.add(current.toString());
                    }
                    recordAtOffset.put((long) start, records.size());
                    current = new StringBuilder(line);
                } else {
                    current.append('\n').append(line);
                }
            }
            start = i + 1;
        }
        if (current != null) {
            records.add(current.toString());
        }
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        Path expectedFile = log.resolveSibling(log.getFileName() + "-expected.json");
        if (Files.exists(expectedFile)) {
            for (JsonNode doc : readJson(expectedFile)) {
                Integer index = recordAtOffset.get(doc.path("log.offset").asLong(-1));
                if (index != null) {
                    expected.put(index, expect.apply(EventJson.fromJson(doc).fields()));
                }
            }
        }
        return new CorpusFile(label(root, log), records, received, expected);
    }

    /**
     * The lines of a CrowdSec hub test log that {@code select} accepts. Expected fields come from
     * {@code parser.assert}: every stage's {@code Parsed}, {@code Meta} (as {@code meta.<key>}) and
     * {@code Enriched} (as {@code enriched.<key>}) values of one event, merged. An assertion index
     * counts the events a CrowdSec parser accepted, not lines, so an event is matched to the one
     * line containing its {@code message}; events whose message several lines contain are not compared.
     */
    static CorpusFile crowdsec(Path root, Path log, Predicate<String> select, Instant received,
                               Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> lines = nonBlankLines(log).stream().filter(select).toList();
        Map<Integer, Map<String, Object>> merged = new HashMap<>();
        for (Map<String, Object> event : crowdsecEvents(log.resolveSibling("parser.assert"))) {
            int line = onlyLineContaining(lines, (String) event.get("message"));
            if (line >= 0) {
                merged.computeIfAbsent(line, k -> new LinkedHashMap<>()).putAll(event);
            }
        }
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        merged.forEach((line, event) -> expected.put(line, expect.apply(event)));
        return new CorpusFile(label(root, log), lines, received, expected);
    }

    private static List<Map<String, Object>> crowdsecEvents(Path file) {
        Map<String, Map<String, Object>> byEvent = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        for (String line : readLines(file)) {
            Matcher m = CROWDSEC_ASSERT.matcher(line);
            if (m.matches()) {
                String key = switch (m.group(4)) {
                    case "Meta" -> "meta." + m.group(5);
                    case "Enriched" -> "enriched." + m.group(5);
                    default -> m.group(5);
                };
                byEvent.computeIfAbsent(m.group(1) + "/" + m.group(2) + "/" + m.group(3), k -> new HashMap<>())
                        .put(key, goUnquote(m.group(6)));
            }
        }
        return List.copyOf(byEvent.values());
    }

    private static int onlyLineContaining(List<String> lines, String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** The inside of a Go string literal: {@code \"} and {@code \\} escapes. */
    private static String goUnquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Sekoia intake tests under {@code dir} whose input message {@code select} accepts, one record
     * each, framed by {@code frame}; expected fields from the test's {@code expected} document.
     */
    static CorpusFile sekoia(Path root, Path dir, Predicate<String> select, UnaryOperator<String> frame,
                             Instant received, Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> lines = new ArrayList<>();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (Path test : files(dir, n -> n.endsWith(".json"))) {
            JsonNode doc = readJson(test);
            String message = doc.path("input").path("message").asText("");
            if (message.isBlank() || !select.test(message)) {
                continue;
            }
            expected.put(lines.size(), expect.apply(EventJson.fromJson(doc.path("expected")).fields()));
            lines.add(frame.apply(message));
        }
        return new CorpusFile(label(root, dir) + "/*.json", lines, received, expected);
    }

    /** The input messages of Sekoia tests under {@code dir} that {@code select} accepts. */
    static List<String> sekoiaMessages(Path dir, Predicate<String> select) {
        List<String> messages = new ArrayList<>();
        for (Path test : files(dir, n -> n.endsWith(".json"))) {
            String message = readJson(test).path("input").path("message").asText("");
            if (!message.isBlank() && select.test(message)) {
                messages.add(message);
            }
        }
        return messages;
    }

    /**
     * A fail2ban filter test log: {@code # failJSON: {...}} annotates the line after it, other
     * {@code #} lines are comments. Annotated lines that fail2ban must match give their
     * {@code time}, {@code host} and {@code user}; unannotated lines are read without expectations.
     */
    static CorpusFile fail2ban(Path root, Path log, Predicate<String> select, UnaryOperator<String> frame,
                               Instant received, Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> lines = new ArrayList<>();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        JsonNode annotation = null;
        for (String line : readLines(log)) {
            Matcher m = FAIL_JSON.matcher(line);
            if (m.matches()) {
                annotation = readJson(m.group(1));
                continue;
            }
            if (line.isBlank() || line.startsWith("#") || !select.test(line)) {
                continue;
            }
            if (annotation != null && annotation.path("match").asBoolean(false)) {
                Map<String, Object> fields = new HashMap<>(EventJson.fromJson(annotation).fields());
                // fail2ban carries an offender over from an earlier line of the same session; only what the line says counts.
                fields.computeIfPresent("host", (k, host) -> line.contains(host.toString()) ? host : null);
                expected.put(lines.size(), expect.apply(fields));
            }
            annotation = null;
            lines.add(frame.apply(line));
        }
        return new CorpusFile(label(root, log), lines, received, expected);
    }

    /** One record per non-blank line that {@code select} accepts, framed by {@code frame}. */
    static CorpusFile lines(Path root, Path log, Predicate<String> select, UnaryOperator<String> frame,
                            Instant received) {
        List<String> lines = nonBlankLines(log).stream().filter(select).map(frame).toList();
        return CorpusFile.of(label(root, log), lines, received);
    }

    /**
     * A loghub sample and its {@code _structured.csv}: the n-th row holds the fields loghub's
     * authors extracted from the n-th line, by column name.
     */
    static CorpusFile loghub(Path root, Path log, Instant received,
                             Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> lines = nonBlankLines(log);
        List<String> rows = readLines(log.resolveSibling(log.getFileName() + "_structured.csv"));
        List<String> header = Csv.row(rows.get(0));
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (int i = 1; i < rows.size() && i <= lines.size(); i++) {
            List<String> cells = Csv.row(rows.get(i));
            Map<String, Object> row = new HashMap<>();
            for (int c = 0; c < Math.min(header.size(), cells.size()); c++) {
                row.put(header.get(c), cells.get(c));
            }
            expected.put(i - 1, expect.apply(row));
        }
        return new CorpusFile(label(root, log), lines, received, expected);
    }

    /** Records in the code blocks of an AWS documentation page, in order, comments and ellipses dropped. */
    static CorpusFile awsDocCodeBlockLines(Path root, Path page, Instant received) {
        List<String> lines = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(read(page));
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                String record = DOC_COMMENT.matcher(line).replaceFirst("").strip();
                if (!record.isEmpty() && !record.equals("...")) {
                    lines.add(record);
                }
            }
        }
        return CorpusFile.of(label(root, page) + " (code blocks)", lines, received);
    }

    /** The JSON objects in the code blocks of a documentation page, a {@code Records} array split into records. */
    static List<JsonNode> docJsonRecords(Path page) {
        List<JsonNode> records = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(read(page));
        while (block.find()) {
            String text = block.group(1).strip();
            if (!text.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = EventJson.MAPPER.readTree(text);
            } catch (IOException e) {
                // An example with a typo or an ellipsis stays in, as the text it is, and counts.
                records.add(EventJson.MAPPER.getNodeFactory().textNode(text));
                continue;
            }
            if (node.path("Records").isArray()) {
                node.get("Records").forEach(records::add);
            } else {
                records.add(node);
            }
        }
        return records;
    }

    /** Files under {@code dir} whose name {@code name} accepts, sorted; none when it does not exist. */
    static List<Path> files(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> nonBlankLines(Path file) {
        return readLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    static List<String> readLines(Path file) {
        return List.of(read(file).split("\r?\n"));
    }

    static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    static JsonNode readJson(Path file) {
        return readJson(read(file));
    }

    static JsonNode readJson(String text) {
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(Path root, Path file) {
        return root.relativize(file).toString();
    }

    /** One row of loghub's CSV: comma-separated, fields optionally double-quoted with {@code ""} escapes. */
    private static final class Csv {
        private Csv() {}

        static List<String> row(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
