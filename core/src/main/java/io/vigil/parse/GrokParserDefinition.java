package io.vigil.parse;

import io.vigil.parse.ParserDefinitionException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parser type defined by a user: grok patterns and the field mappings applied to what they capture.
 * {@link GrokParser#compile} turns it into a parser; {@link GrokParserDefinitionJson} reads and writes it.
 *
 * <p>Building one checks its shape and reports every problem at once in a
 * {@link ParserDefinitionException}; the patterns themselves are checked when compiled.
 *
 * @param name the parser type, snake_case ({@code my_app}); what {@code ?type=} names at ingest
 * @param patterns grok expressions tried in order, the first match wins; at least one
 * @param patternDefinitions extra named patterns ({@code MY_TIME → %{HOUR}:%{MINUTE}}) usable as
 *     {@code %{MY_TIME}}; they may replace bundled ones of the same name. Empty when null
 * @param mappings applied in order to the captured fields. Empty when null
 * @param dataset the {@code event.dataset} of parsed events ({@code my_app.log}); the name when null
 */
public record GrokParserDefinition(String name, List<String> patterns, Map<String, String> patternDefinitions,
                                   List<FieldMapping> mappings, String dataset) {
    /** Longest expression or pattern definition accepted, in characters. */
    public static final int MAX_PATTERN_LENGTH = 4096;
    static final int MAX_PATTERNS = 32;
    static final int MAX_MAPPINGS = 256;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern PATTERN_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern DATASET = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    public GrokParserDefinition {
        List<Problem> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Problem("name", 0, "a parser name is snake_case: a lower-case letter, then lower-case"
                    + " letters, digits or _ (at most 64), e.g. my_app; got " + (name == null ? "nothing" : "'" + name + "'")));
        }
        checkPatterns(patterns, problems);
        patternDefinitions = patternDefinitions == null ? Map.of() : patternDefinitions;
        checkDefinitions(patternDefinitions, problems);
        mappings = mappings == null ? List.of() : mappings;
        checkMappings(mappings, problems);
        dataset = dataset == null || dataset.isBlank() ? name : dataset;
        if (dataset != null && !DATASET.matcher(dataset).matches()) {
            problems.add(new Problem("dataset", 0, "a dataset is lower-case words joined by dots, e.g. my_app.access; got '"
                    + dataset + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ParserDefinitionException(name, problems);
        }
        patterns = List.copyOf(patterns);
        patternDefinitions = Collections.unmodifiableMap(new LinkedHashMap<>(patternDefinitions));
        mappings = List.copyOf(mappings);
    }

    /** A definition with one pattern, no extra patterns and no mappings. */
    public static GrokParserDefinition of(String name, String pattern) {
        return new GrokParserDefinition(name, List.of(pattern), Map.of(), List.of(), null);
    }

    private static void checkPatterns(List<String> patterns, List<Problem> problems) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add(new Problem("patterns", 0, "at least one grok pattern is needed, e.g. %{IP:source.ip} %{GREEDYDATA:log.text}"));
            return;
        }
        if (patterns.size() > MAX_PATTERNS) {
            problems.add(new Problem("patterns", 0, "at most " + MAX_PATTERNS + " patterns, got " + patterns.size()));
        }
        for (int i = 0; i < patterns.size(); i++) {
            checkExpression("patterns[" + i + "]", patterns.get(i), problems);
        }
    }

    private static void checkDefinitions(Map<String, String> definitions, List<Problem> problems) {
        for (Map.Entry<String, String> d : definitions.entrySet()) {
            String path = "pattern_definitions." + d.getKey();
            if (d.getKey() == null || !PATTERN_NAME.matcher(d.getKey()).matches()) {
                problems.add(new Problem(path, 0, "a pattern name is letters, digits and _ (at most 64), e.g. MY_TIME"));
            }
            checkExpression(path, d.getValue(), problems);
        }
    }

    private static void checkExpression(String path, String expression, List<Problem> problems) {
        if (expression == null || expression.isBlank()) {
            problems.add(new Problem(path, 0, "a pattern cannot be empty"));
        } else if (expression.length() > MAX_PATTERN_LENGTH) {
            problems.add(new Problem(path, 0, "a pattern is at most " + MAX_PATTERN_LENGTH + " characters, got "
                    + expression.length()));
        }
    }

    private static void checkMappings(List<FieldMapping> mappings, List<Problem> problems) {
        if (mappings.size() > MAX_MAPPINGS) {
            problems.add(new Problem("mappings", 0, "at most " + MAX_MAPPINGS + " mappings, got " + mappings.size()));
        }
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i) == null) {
                problems.add(new Problem("mappings[" + i + "]", 0, "a mapping cannot be null"));
            }
        }
    }
}
