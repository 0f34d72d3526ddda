package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.parse.ParserDefinitionException.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation, compile-time errors with positions, and the JSON form of grok parser definitions. */
class GrokParserDefinitionTest {

    private static List<Problem> compileProblems(String... patterns) {
        return compileProblems(List.of(patterns), Map.of());
    }

    private static List<Problem> compileProblems(List<String> patterns, Map<String, String> definitions) {
        ParserDefinitionException e = catchThrowableOfType(ParserDefinitionException.class,
                () -> GrokParser.compile(new GrokParserDefinition("test", patterns, definitions, null, null)));
        assertThat(e).as("expected %s to be refused", patterns).isNotNull();
        return e.problems();
    }

    private static List<Problem> readProblems(String json) throws Exception {
        ParserDefinitionException e = catchThrowableOfType(ParserDefinitionException.class,
                () -> GrokParserDefinitionJson.read(EventJson.MAPPER.readTree(json)));
        assertThat(e).as("expected %s to be refused", json).isNotNull();
        return e.problems();
    }

    @Test
    void reportsEveryShapeProblemAtOnce() {
        ParserDefinitionException e = catchThrowableOfType(ParserDefinitionException.class,
                () -> new GrokParserDefinition("My-Parser", List.of(), Map.of("bad name", " "), null, "Not A Dataset"));
        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("name", "patterns", "pattern_definitions.bad name", "pattern_definitions.bad name", "dataset");
        assertThat(e.getMessage()).startsWith("invalid parser definition 'My-Parser' (5 problems): name: a parser name is snake_case");
    }

    @Test
    void defaultsTheDatasetToTheNameAndCopiesItsLists() {
        List<String> patterns = new java.util.ArrayList<>(List.of("%{IP:source.ip}"));
        GrokParserDefinition d = new GrokParserDefinition("my_app", patterns, null, null, " ");
        patterns.add("changed later");
        assertThat(d.dataset()).isEqualTo("my_app");
        assertThat(d.patterns()).containsExactly("%{IP:source.ip}");
        assertThat(d.patternDefinitions()).isEmpty();
        assertThat(d.mappings()).isEmpty();
    }

    @Test
    void reportsAnUnknownPatternWithItsColumnAndSuggestsTheRightCase() {
        assertThat(compileProblems("%{IP:source.ip} %{FOO:x}")).containsExactly(
                new Problem("patterns[0]", 17, "unknown pattern %{FOO}"));
        assertThat(compileProblems("^%{ip:source.ip}")).containsExactly(
                new Problem("patterns[0]", 2, "unknown pattern %{ip} (did you mean %{IP}?)"));
    }

    @Test
    void reportsARegularExpressionErrorAtItsColumn() {
        assertThat(compileProblems("%{IP:a} (unclosed")).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(9);
            assertThat(p.reason()).isEqualTo("invalid regular expression: end pattern with unmatched parenthesis");
        });
        assertThat(compileProblems("user=%{WORD:user.name} [z-a]")).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(24);
            assertThat(p.reason()).contains("empty range in char class");
        });
        assertThat(compileProblems("abc) %{INT:n}")).singleElement().satisfies(p -> assertThat(p.position()).isEqualTo(4));
        assertThat(compileProblems("*x")).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(1);
            assertThat(p.reason()).contains("target of repeat operator is not specified");
        });
    }

    @Test
    void reportsMalformedReferencesCaptureNamesAndTypes() {
        assertThat(compileProblems("%{IP:a b} %{INT:n:integer} %{IP=\\d+} %{IP:x:int:y} %{IP:source..ip} %{IP:oops"))
                .containsExactly(
                        new Problem("patterns[0]", 6, FieldNames.explain("a b")),
                        new Problem("patterns[0]", 19, "unknown capture type 'integer': use int, long, float, double,"
                                + " boolean or string (or a convert mapping)"),
                        new Problem("patterns[0]", 28, "inline definitions %{NAME=regex} are not supported:"
                                + " define NAME under pattern_definitions and write %{NAME}"),
                        new Problem("patterns[0]", 38, "'%{IP:x:int:y}' is not a reference: write %{PATTERN},"
                                + " %{PATTERN:field} or %{PATTERN:field:type}"),
                        new Problem("patterns[0]", 57, FieldNames.explain("source..ip")),
                        new Problem("patterns[0]", 69, "'%{' is not closed by '}': a reference is %{PATTERN},"
                                + " %{PATTERN:field} or %{PATTERN:field:type} (write %\\{ for a literal %{)"));
    }

    @Test
    void reportsProblemsInEveryPatternAndDefinitionAtOnce() {
        List<Problem> problems = compileProblems(
                List.of("%{GOOD:a} %{MISSING}", "(%{LOOP_A}"),
                Map.of("GOOD", "%{WORD}[", "LOOP_A", "%{LOOP_B}", "LOOP_B", "x%{LOOP_A}"));
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "patterns[0] column 11: unknown pattern %{MISSING}",
                "patterns[1] column 1: invalid regular expression: end pattern with unmatched parenthesis",
                "pattern_definitions.GOOD column 8: invalid regular expression: premature end of char-class",
                "pattern_definitions.LOOP_A: circular reference: LOOP_A → LOOP_B → LOOP_A");
    }

    @Test
    void letsDefinitionsReplaceBundledPatterns() {
        GrokParser parser = GrokParser.compile(new GrokParserDefinition("override", List.of("^%{USER:user.name}$"),
                Map.of("USERNAME", "[a-z]+"), null, null));
        assertThat(parser.parse(RawEvent.of("bob"))).isInstanceOf(ParseResult.Parsed.class);
        assertThat(parser.parse(RawEvent.of("Bob.Smith"))).isInstanceOf(ParseResult.Failed.class);
    }

    @Test
    void readsAndWritesTheJsonFormBackToAnEqualDefinition() throws Exception {
        JsonNode json = EventJson.MAPPER.readTree(GrokParserTest.resource("/parse/grok/app/parser.json"));
        GrokParserDefinition d = GrokParserDefinitionJson.read(json);
        assertThat(d.name()).isEqualTo("acme_app");
        assertThat(d.patterns()).hasSize(2);
        assertThat(d.patternDefinitions()).containsOnlyKeys("ACME_SERVICE", "ACME_TRACE");
        assertThat(d.mappings()).hasSize(7).first().isEqualTo(new FieldMapping.Lowercase("user.name"));
        assertThat(GrokParserDefinitionJson.read(GrokParserDefinitionJson.write(d))).isEqualTo(d);
        GrokParserDefinition withAll = new GrokParserDefinition("all_kinds", List.of("%{GREEDYDATA:a}"), Map.of(), List.of(
                new FieldMapping.Rename("[a]", "b"),
                new FieldMapping.Convert("b", FieldMapping.Target.DATE, "dd/MMM/yyyy:HH:mm:ss Z", "Europe/Paris"),
                new FieldMapping.Convert("n", FieldMapping.Target.FLOAT),
                new FieldMapping.Drop("c"),
                new FieldMapping.Add("d", 3),
                new FieldMapping.Add("e", true),
                new FieldMapping.Lowercase("f")), "x.y");
        assertThat(GrokParserDefinitionJson.write(withAll).toString()).contains(
                "{\"rename\":\"a\",\"to\":\"b\"}",
                "{\"convert\":\"b\",\"to\":\"date\",\"format\":\"dd/MMM/yyyy:HH:mm:ss Z\",\"timezone\":\"Europe/Paris\"}",
                "{\"add\":\"d\",\"value\":3}");
        assertThat(GrokParserDefinitionJson.read(GrokParserDefinitionJson.write(withAll))).isEqualTo(withAll);
    }

    @Test
    void acceptsASinglePatternUnderPattern() throws Exception {
        GrokParserDefinition d = GrokParserDefinitionJson.read(EventJson.MAPPER.readTree(
                "{\"name\": \"one\", \"pattern\": \"%{COMBINEDAPACHELOG}\"}"));
        assertThat(d.patterns()).containsExactly("%{COMBINEDAPACHELOG}");
    }

    @Test
    void rejectsUnknownKeysAndBadMappingsWithTheirPathsAndStillChecksThePatterns() throws Exception {
        List<Problem> problems = readProblems("""
                {"name": "x", "patern": "typo", "patterns": ["%{NOPE:a}", 7],
                 "mappings": [{"rename": "a"}, {"convert": "b", "to": "integer"}, {"drop": "c", "extra": 1},
                              {"add": "message", "value": "x"}, {"lowercase": "d", "drop": "e"}, "nonsense",
                              {"convert": "t", "to": "date", "format": "yyyy-MM-dd bb"}]}
                """);
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "patern: unknown key \"patern\"; allowed: dataset, mappings, name, pattern, pattern_definitions, patterns",
                "patterns[1]: a pattern is a string",
                "mappings[0].to: \"to\" is missing",
                "mappings[1]: cannot convert to 'integer': use int, float, ip or date",
                "mappings[2].extra: unknown key \"extra\"; allowed: drop",
                "mappings[3]: message cannot be changed by a mapping: it always holds the raw line",
                "mappings[4]: a mapping is one of {\"rename\": F, \"to\": G}, {\"convert\": F, \"to\": \"int|float|ip|date\"},"
                        + " {\"drop\": F}, {\"add\": F, \"value\": V}, {\"lowercase\": F}; this one has drop and lowercase",
                "mappings[5]: a mapping is one of {\"rename\": F, \"to\": G}, {\"convert\": F, \"to\": \"int|float|ip|date\"},"
                        + " {\"drop\": F}, {\"add\": F, \"value\": V}, {\"lowercase\": F}",
                "mappings[6]: invalid date format 'yyyy-MM-dd bb': Unknown pattern letter: b (use iso8601, unix, unix_ms"
                        + " or a Java DateTimeFormatter pattern such as dd/MMM/yyyy:HH:mm:ss Z)",
                "patterns[1]: a pattern cannot be empty",
                "patterns[0] column 1: unknown pattern %{NOPE}");
    }

    @Test
    void explainsWhatADefinitionLooksLikeWhenGivenSomethingElse() throws Exception {
        assertThat(readProblems("[1, 2]")).singleElement().satisfies(p -> assertThat(p.reason()).contains("is a JSON object"));
        assertThat(readProblems("{\"name\": 5, \"patterns\": \"%{IP}\", \"pattern_definitions\": [], \"mappings\": {}}"))
                .extracting(Problem::path)
                .containsExactly("name", "patterns", "pattern_definitions", "mappings", "name", "patterns");
    }
}
