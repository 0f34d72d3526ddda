package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opensearch.grok.MatcherWatchdog;

class GrokParserTest {
    static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    static String resource(String name) throws Exception {
        try (InputStream in = GrokParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static GrokParser parser(String definitionResource) throws Exception {
        return GrokParser.compile(GrokParserDefinitionJson.read(EventJson.MAPPER.readTree(resource(definitionResource))));
    }

    static Event parsed(Parser parser, String line) {
        ParseResult r = parser.parse(new RawEvent(line, RECEIVED));
        assertThat(r).as(line).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).events().get(0);
    }

    /** Each line's event must hold every field of its expected object; a null there means absent. */
    static void assertMatchesExpected(Parser parser, String log, String expected) throws Exception {
        List<String> lines = resource(log).lines().toList();
        JsonNode expectations = EventJson.MAPPER.readTree(resource(expected));
        assertThat(lines).hasSize(expectations.size());
        for (int i = 0; i < lines.size(); i++) {
            Event event = parsed(parser, lines.get(i));
            assertThat(event.get("message")).isEqualTo(lines.get(i));
            for (Map.Entry<String, JsonNode> f : expectations.get(i).properties()) {
                Object actual = event.get(f.getKey());
                if (actual instanceof Instant t) {
                    actual = t.toString();
                }
                assertThat(actual).as("line %d field %s", i + 1, f.getKey()).isEqualTo(EventJson.fromNode(f.getValue()));
            }
        }
    }

    @Test
    void parsesApacheCombinedLinesWithTheBundledPattern() throws Exception {
        assertMatchesExpected(parser("/parse/grok/apache/parser.json"), "/parse/grok/apache/access.log",
                "/parse/grok/apache/access.expected.json");
    }

    @Test
    void parsesACustomApplicationLogWithItsOwnPatternsAndMappings() throws Exception {
        assertMatchesExpected(parser("/parse/grok/app/parser.json"), "/parse/grok/app/app.log",
                "/parse/grok/app/app.expected.json");
    }

    /** Needs ../shared/data (elastic/examples Apache logs); skipped where that folder is absent. */
    @Test
    void agreesWithTheBuiltInAccessParserOnTenThousandRealApacheLines() throws Exception {
        Path log = Path.of(System.getProperty("vigil.shared.data", "../shared/data"),
                "elastic-examples/Common Data Formats/apache_logs/apache_logs");
        assumeThat(Files.exists(log)).as("test data folder ../shared/data is absent; skipping " + log).isTrue();
        GrokParser grok = parser("/parse/grok/apache/parser.json");
        NginxAccessParser builtIn = new NginxAccessParser("apache.access");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThan(9_000);
        List<String> unmatched = new java.util.ArrayList<>();
        for (String line : lines) {
            if (grok.parse(RawEvent.of(line)) instanceof ParseResult.Failed) {
                // The built-in parser tolerates a user agent cut before its closing quote; the pattern does not.
                unmatched.add(line);
                continue;
            }
            Event g = parsed(grok, line);
            Event b = parsed(builtIn, line);
            for (String field : List.of("@timestamp", "source.address", "http.request.method", "url.original",
                    "http.version", "http.response.status_code", "http.response.body.bytes")) {
                assertThat(g.get(field)).as("%s in %s", field, line).isEqualTo(b.get(field));
            }
        }
        assertThat(unmatched).allSatisfy(line -> assertThat(line).doesNotEndWith("\""));
        assertThat(unmatched).hasSizeLessThan(5);
    }

    @Test
    void takesDottedAndBracketedCaptureNamesAsTheSameEcsField() {
        GrokParser parser = GrokParser.compile(GrokParserDefinition.of("names",
                "%{IP:source.ip} %{IP:[destination][ip]} %{WORD:[event][action]} (?<user.name>\\w+)"));
        Event e = parsed(parser, "10.0.0.1 10.0.0.2 deny bob");
        assertThat(e.fields()).containsEntry("source.ip", "10.0.0.1").containsEntry("destination.ip", "10.0.0.2")
                .containsEntry("event.action", "deny").containsEntry("user.name", "bob")
                .containsEntry("event.dataset", "names").doesNotContainKey("event.module");
    }

    @Test
    void keepsTheRawLineInMessageUnlessACapturedMessageIsRenamed() {
        String line = "Nov 28 10:00:00 web-1 sshd[42]: Failed password for root from 203.0.113.9 port 22 ssh2";
        GrokParser plain = GrokParser.compile(GrokParserDefinition.of("syslog_lines", "%{SYSLOGLINE}"));
        Event e = parsed(plain, line);
        assertThat(e.get("message")).isEqualTo(line);
        assertThat(e.fields()).containsEntry("host.hostname", "web-1").containsEntry("process.name", "sshd")
                .containsEntry("process.pid", 42L);
        GrokParser renaming = GrokParser.compile(new GrokParserDefinition("syslog_text", List.of("%{SYSLOGLINE}"), null,
                List.of(new FieldMapping.Rename("message", "log.text")), null));
        Event r = parsed(renaming, line);
        assertThat(r.get("message")).isEqualTo(line);
        assertThat(r.get("log.text")).isEqualTo("Failed password for root from 203.0.113.9 port 22 ssh2");
    }

    @Test
    void triesPatternsInOrderAndSaysWhenNoneMatched() {
        GrokParser parser = GrokParser.compile(new GrokParserDefinition("two", List.of(
                "^user=%{USERNAME:user.name}$", "^%{WORD:event.action} %{GREEDYDATA:rest}$"), null, null, null));
        assertThat(parsed(parser, "user=bob").fields()).containsEntry("user.name", "bob").doesNotContainKey("event.action");
        assertThat(parsed(parser, "deny user=bob").fields()).containsEntry("event.action", "deny")
                .containsEntry("rest", "user=bob").doesNotContainKey("user.name");
        ParseResult none = parser.parse(RawEvent.of(""));
        assertThat(none).isInstanceOfSatisfying(ParseResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("none of the 2 grok patterns matched");
            assertThat(f.raw().text()).isEmpty();
        });
        GrokParser one = GrokParser.compile(GrokParserDefinition.of("one", "^%{INT:n}$"));
        assertThat(one.parse(RawEvent.of("x"))).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("the grok pattern did not match"));
    }

    @Test
    void convertsTypedCapturesOneFieldAtATime() {
        GrokParser parser = GrokParser.compile(GrokParserDefinition.of("typed",
                "%{NUMBER:a:int} %{NUMBER:b:float} %{INT:c:long} %{WORD:d:boolean} %{NOTSPACE:e:int} %{WORD:f:string}"));
        Event e = parsed(parser, "1.9 2.5 3000000000 TRUE 99999999999999999999 x");
        assertThat(e.fields()).containsEntry("a", 1L).containsEntry("b", 2.5).containsEntry("c", 3_000_000_000L)
                .containsEntry("d", true).containsEntry("f", "x")
                // Too large for a long: kept as text, and the event says why.
                .containsEntry("e", "99999999999999999999");
        assertThat(e.hasTag(FieldMapper.TAG_CONVERT_FAILURE)).isTrue();
        assertThat(e.getString("error.message")).isEqualTo("e: '99999999999999999999' is not a whole number");
    }

    @Test
    void readsCapturedTimesInTheCommonLogFormats() {
        GrokParser parser = GrokParser.compile(GrokParserDefinition.of("times", "^%{DATA:timestamp}\\|"));
        Map<String, String> cases = Map.of(
                "2026-11-27T10:00:00Z|", "2026-11-27T10:00:00Z",
                "2026-11-27 10:00:00,5|", "2026-11-27T10:00:00.500Z",
                "27/Nov/2026:10:00:00 -0700|", "2026-11-27T17:00:00Z",
                "Fri Nov 27 10:00:00.123456 2026|", "2026-11-27T10:00:00.123456Z",
                "Nov  7 10:00:00|", "2026-11-07T10:00:00Z",
                // A December line read on 28 November is from last year.
                "Dec 24 10:00:00|", "2025-12-24T10:00:00Z",
                "2026/11/27 10:00:00|", "2026-11-27T10:00:00Z",
                "1795773600|", "2026-11-27T10:00:00Z",
                "1795773600000|", "2026-11-27T10:00:00Z");
        cases.forEach((line, expected) -> {
            Event e = parsed(parser, line);
            assertThat(e.timestamp()).as(line).isEqualTo(Instant.parse(expected));
            assertThat(e.has("timestamp")).as(line).isFalse();
        });
    }

    @Test
    void keepsAnUnreadableTimeInTheTimestampField() {
        GrokParser parser = GrokParser.compile(GrokParserDefinition.of("bad_time", "^%{DATA:timestamp}\\|"));
        Event e = parsed(parser, "sometime last week|");
        assertThat(e.timestamp()).isNull();
        assertThat(e.get("timestamp")).isEqualTo("sometime last week");
        GrokParser renamed = GrokParser.compile(new GrokParserDefinition("bad_at", List.of("^%{DATA:t}\\|"), null,
                List.of(new FieldMapping.Rename("t", "@timestamp")), null));
        Event r = parsed(renamed, "soon|");
        assertThat(r.has("@timestamp")).isFalse();
        assertThat(r.get("timestamp")).isEqualTo("soon");
    }

    @Test
    void stopsARunawayMatchWithTheWatchdogAndFailsOnlyThatLine() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            MatcherWatchdog watchdog = MatcherWatchdog.newInstance(20, 100, System::currentTimeMillis,
                    (delay, task) -> timer.schedule(task, delay, TimeUnit.MILLISECONDS));
            // Nested quantifiers: exponential backtracking on a line that almost matches.
            GrokParser parser = GrokParser.compile(GrokParserDefinition.of("runaway", "^(\\w+\\s?)+$"), watchdog);
            long start = System.nanoTime();
            ParseResult r = parser.parse(RawEvent.of("a".repeat(5000) + " b".repeat(20) + "!"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThat(r).isInstanceOfSatisfying(ParseResult.Failed.class,
                    f -> assertThat(f.reason()).contains("grok matching stopped").contains("100"));
            assertThat(parser.parse(RawEvent.of("fine words"))).isInstanceOf(ParseResult.Parsed.class);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void neverThrowsOnRandomInput() throws Exception {
        List<GrokParser> parsers = List.of(parser("/parse/grok/apache/parser.json"), parser("/parse/grok/app/parser.json"),
                GrokParser.compile(GrokParserDefinition.of("syslog_lines", "%{SYSLOGLINE}")));
        List<String> seeds = resource("/parse/grok/apache/access.log").lines().toList();
        String alphabet = "0123456789abcdef.:[]\"/ -+\\x=\u00e9\u0000\uD83D\uDE00GETPOST HTTP/1.1,TZ";
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (n % 2 == 0) {
                // Mutations of a valid line find more edge cases than pure noise.
                sb.append(seeds.get(random.nextInt(seeds.size())));
                for (int k = random.nextInt(4); k >= 0; k--) {
                    sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                for (int k = random.nextInt(120); k > 0; k--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            for (GrokParser p : parsers) {
                ParseResult r = p.parse(RawEvent.of(sb.toString()));
                if (r instanceof ParseResult.Parsed parsed) {
                    Object at = parsed.events().get(0).get("@timestamp");
                    assertThat(at == null || at instanceof Instant).as(sb.toString()).isTrue();
                }
            }
        }
    }

    @Test
    void compilesRandomPatternsOrExplainsWhyNot() {
        String[] pieces = {"%{IP:source.ip}", "%{WORD}", "%{NOPE}", "%{INT:n:int}", "%{", "}", "(", ")", "[", "]", "a-z",
            "\\", "*", "+", "?", "{2,1}", "(?<x>", "|", "^", "$", " ", "\\d", "%{IP:bad name}", "(?:", ".", "é"};
        SplittableRandom random = new SplittableRandom(11);
        int compiled = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder("x");
            for (int k = random.nextInt(8); k >= 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                GrokParser parser = GrokParser.compile(GrokParserDefinition.of("random", sb.toString()));
                parser.parse(RawEvent.of("x 10.0.0.1 42 abc"));
                compiled++;
            } catch (ParserDefinitionException e) {
                assertThat(e.problems()).as(sb.toString()).isNotEmpty();
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.position()).isBetween(0, sb.length()));
            }
        }
        assertThat(compiled).isPositive();
    }

    @Test
    void refusesToCompileADefinitionWithPatternProblems() {
        assertThatThrownBy(() -> GrokParser.compile(GrokParserDefinition.of("broken", "%{NOPE:x}")))
                .isInstanceOf(ParserDefinitionException.class)
                .hasMessageContaining("patterns[0] column 1: unknown pattern %{NOPE}");
    }
}
