package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the third-party test material in {@code ../shared/data} into {@link CorpusFile}s: Filebeat
 * module logs with their {@code -expected.json}, CrowdSec hub tests with their {@code parser.assert},
 * Sekoia intake tests, and records quoted in AWS documentation. Files are only read, never copied.
 * Expected field names from those projects are mapped to ours by the caller.
 */
final class SharedCorpora {
    private SharedCorpora() {}

    private static final Pattern CROWDSEC_ASSERT = Pattern.compile(
            "^results\\[\"s01-parse\"\\]\\[\"[^\"]+\"\\]\\[(\\d+)\\]\\.Evt\\.Parsed\\[\"(\\w+)\"\\] == \"(.*)\"$");
    private static final Pattern CODE_BLOCK = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DOC_COMMENT = Pattern.compile(" #.*$");

    /**
     * A Filebeat module test log; expected fields from {@code <log>-expected.json}, matched to lines by
     * {@code log.offset}. Only fields in {@code names} (theirs to ours) are compared, empty values never.
     */
    static CorpusFile filebeat(Path root, Path log, Instant received, Map<String, String> names) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<Long, Integer> lineAtOffset = new HashMap<>();
        byte[] bytes = Files.readAllBytes(log);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (!line.isBlank()) {
                    lineAtOffset.put((long) start, lines.size());
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        Path expectedFile = log.resolveSibling(log.getFileName() + "-expected.json");
        if (Files.exists(expectedFile)) {
            for (JsonNode doc : EventJson.MAPPER.readTree(expectedFile.toFile())) {
                Integer index = lineAtOffset.get(doc.path("log.offset").asLong(-1));
                if (index != null) {
                    expected.put(index, pick(EventJson.fromJson(doc), names));
                }
            }
        }
        return new CorpusFile(label(root, log), lines, received, expected);
    }

    /**
     * A CrowdSec hub test log, the lines {@code select} accepts. Expected fields come from the
     * {@code s01-parse} assertions of {@code parser.assert}. Their index counts the events each
     * CrowdSec parser accepted, not lines, so an assertion is matched to the one line containing its
     * {@code message}; assertions without a message, or whose message several lines contain, are not
     * compared.
     */
    static CorpusFile crowdsec(Path root, Path log, Predicate<String> select, Instant received,
                               Map<String, String> names) throws IOException {
        List<String> lines = LineParserTestCase.nonBlankLines(log).stream().filter(select).toList();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (Map<String, String> parsed : crowdsecAssertions(log.resolveSibling("parser.assert")).values()) {
            int line = onlyLineContaining(lines, parsed.get("message"));
            if (line < 0) {
                continue;
            }
            Map<String, String> ours = new LinkedHashMap<>();
            names.forEach((theirs, mine) -> {
                if (parsed.containsKey(theirs) && !parsed.get(theirs).isEmpty()) {
                    ours.put(mine, parsed.get(theirs));
                }
            });
            expected.put(line, ours);
        }
        return new CorpusFile(label(root, log), lines, received, expected);
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

    private static Map<Integer, Map<String, String>> crowdsecAssertions(Path file) throws IOException {
        Map<Integer, Map<String, String>> byIndex = new HashMap<>();
        if (!Files.exists(file)) {
            return byIndex;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = CROWDSEC_ASSERT.matcher(line);
            if (m.matches()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new HashMap<>())
                        .put(m.group(2), goUnquote(m.group(3)));
            }
        }
        return byIndex;
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
     * Sekoia intake tests in {@code dir} whose input message {@code select} accepts, one line each;
     * expected fields from {@code expected}, names mapped theirs to ours.
     */
    static CorpusFile sekoia(Path root, Path dir, Predicate<String> select, Instant received,
                             Map<String, String> names) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (Path test : jsonFiles(dir)) {
            JsonNode doc = EventJson.MAPPER.readTree(test.toFile());
            String message = doc.path("input").path("message").asText("");
            if (message.isBlank() || !select.test(message)) {
                continue;
            }
            expected.put(lines.size(), pick(EventJson.fromJson(doc.path("expected")), names));
            lines.add(message);
        }
        return new CorpusFile(label(root, dir) + "/*.json", lines, received, expected);
    }

    /** Sekoia test files whose input message {@code select} accepts, by name, for exclusion reports. */
    static List<String> sekoiaNames(Path dir, Predicate<String> select) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path test : jsonFiles(dir)) {
            String message = EventJson.MAPPER.readTree(test.toFile()).path("input").path("message").asText("");
            if (select.test(message)) {
                names.add(test.getFileName().toString());
            }
        }
        return names;
    }

    /** Records in the code blocks of an AWS documentation page, in order, comments and ellipses dropped. */
    static CorpusFile awsDocCodeBlocks(Path root, Path page, Instant received) throws IOException {
        List<String> lines = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
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

    /** Files in {@code dir} whose name matches, sorted. */
    static List<Path> files(Path dir, Predicate<String> name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        return files(dir, n -> n.endsWith(".json"));
    }

    private static Map<String, String> pick(Event doc, Map<String, String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach((theirs, mine) -> {
            Object v = doc.get(theirs);
            if (v != null && !(v instanceof List) && !v.toString().isEmpty()) {
                out.put(mine, v.toString());
            }
        });
        return out;
    }

    private static String label(Path root, Path file) {
        return root.relativize(file).toString();
    }
}
