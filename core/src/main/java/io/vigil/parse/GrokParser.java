package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.parse.ParserDefinitionException.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joni.exception.JOniException;
import org.opensearch.grok.Grok;
import org.opensearch.grok.GrokCaptureConfig;
import org.opensearch.grok.MatcherWatchdog;

/**
 * A parser type defined by grok patterns ({@link GrokParserDefinition}): the first pattern that
 * matches a line gives its named captures, the mappings are applied, and the result is one event.
 *
 * <p>Patterns use Logstash syntax and the bundled {@link GrokPatterns}; matching is Logstash's
 * (the pattern may match anywhere in the line unless anchored with {@code ^}/{@code $}).
 * Capture names are dotted ECS names ({@code %{IP:source.ip}}) or Logstash's bracket form
 * ({@code %{IP:[source][ip]}}). Empty captures are left out. Typed captures ({@code :int},
 * {@code :long}, {@code :float}, {@code :double}, {@code :boolean}) are converted like a convert
 * mapping: a value that does not fit stays text and the event is tagged {@code _convert_failure}.
 *
 * <p>Time: after the mappings, a {@code @timestamp} or {@code timestamp} field that holds a time,
 * or text in a common log format (ISO-8601, {@code %{HTTPDATE}}, syslog, Apache error log, epoch),
 * becomes {@code @timestamp}; unreadable text stays in {@code timestamp} and the pipeline tags the
 * event {@code _timestamp_failure}. {@code message} is always the raw line; a captured
 * {@code message} is kept only if a mapping renames it.
 *
 * <p>Thread-safe; never throws on input. A line no pattern matches, or whose matching ran longer
 * than the watchdog allows, is a {@link ParseResult.Failed} with the reason.
 */
public final class GrokParser implements Parser {
    private static final String TIMESTAMP = "timestamp";
    private static final TimeFormat COMMON_TIME = TimeFormat.of(null, null);
    private static final Map<String, String> TYPE_NAMES = Map.of("int", "a whole number", "long", "a whole number",
            "float", "a number", "double", "a number", "boolean", "true or false");

    /** One named capture: the name grok reports, the field it fills and its declared type (null: text). */
    private record Capture(String grokName, String field, String type) {}

    /** One compiled pattern and its captures, in pattern order. */
    private record Compiled(Grok grok, List<Capture> captures) {}

    private final GrokParserDefinition definition;
    private final List<Compiled> compiled;
    private final FieldMapper mapper;
    private final String module;

    private GrokParser(GrokParserDefinition definition, List<Compiled> compiled) {
        this.definition = definition;
        this.compiled = List.copyOf(compiled);
        this.mapper = FieldMapper.of(definition.mappings());
        String dataset = definition.dataset();
        this.module = dataset.indexOf('.') > 0 ? dataset.substring(0, dataset.indexOf('.')) : null;
    }

    /** Compiles without a time limit on matching: for tests and trusted patterns. */
    public static GrokParser compile(GrokParserDefinition definition) {
        return compile(definition, MatcherWatchdog.noop());
    }

    /**
     * Compiles a definition.
     *
     * @param watchdog interrupts a match that runs too long (a pattern with catastrophic
     *     backtracking); the line then fails instead of holding an ingest thread
     * @throws ParserDefinitionException listing every problem in the patterns, with positions
     */
    public static GrokParser compile(GrokParserDefinition definition, MatcherWatchdog watchdog) {
        List<Problem> problems = check(definition.patterns(), definition.patternDefinitions());
        if (!problems.isEmpty()) {
            throw new ParserDefinitionException(definition.name(), problems);
        }
        Map<String, String> bank = new LinkedHashMap<>(GrokPatterns.bank());
        definition.patternDefinitions().forEach((name, pattern) -> bank.put(name, GrokPatterns.typesInNames(pattern)));
        List<Compiled> compiled = new ArrayList<>();
        for (int i = 0; i < definition.patterns().size(); i++) {
            String path = "patterns[" + i + "]";
            try {
                Grok grok = new Grok(bank, GrokPatterns.typesInNames(definition.patterns().get(i)), watchdog, warning -> { });
                compiled.add(new Compiled(grok, captures(grok, path, problems)));
            } catch (IllegalArgumentException | JOniException e) {
                // What the checker does not foresee, such as a look-behind made variable by an expansion.
                problems.add(new Problem(path, 0, e.getMessage()));
            } catch (RuntimeException e) {
                // joni has crashed on odd input (NullPointerException); a user's pattern must not become a 500.
                problems.add(new Problem(path, 0, "the regular expression library cannot compile this pattern (" + e + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ParserDefinitionException(definition.name(), problems);
        }
        return new GrokParser(definition, compiled);
    }

    /**
     * Every problem in a set of patterns and pattern definitions, with positions; empty when they
     * compile. Does not compile them.
     */
    public static List<Problem> check(List<String> patterns, Map<String, String> patternDefinitions) {
        return GrokChecker.check(patterns, patternDefinitions, GrokPatterns.bundled());
    }

    public GrokParserDefinition definition() {
        return definition;
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        String text = raw.text();
        for (Compiled c : compiled) {
            Map<String, Object> captured;
            try {
                captured = c.grok().captures(text);
            } catch (RuntimeException e) {
                // opensearch-grok reports a match stopped by the watchdog as a bare RuntimeException.
                return new ParseResult.Failed(raw, "grok matching stopped: " + e.getMessage());
            }
            if (captured != null) {
                return ParseResult.of(event(c, captured, raw));
            }
        }
        return new ParseResult.Failed(raw, compiled.size() == 1 ? "the grok pattern did not match"
                : "none of the " + compiled.size() + " grok patterns matched");
    }

    private Event event(Compiled c, Map<String, Object> captured, RawEvent raw) {
        Event e = new Event();
        for (Capture capture : c.captures()) {
            Object value = captured.get(capture.grokName());
            if (value == null || "".equals(value)) {
                continue;
            }
            e.put(capture.field(), capture.type() == null ? value : typed(e, capture, value));
        }
        mapper.apply(e, raw.received());
        timestamp(e, raw.received());
        e.put(Ecs.MESSAGE, raw.text());
        e.putIfAbsent(Ecs.EVENT_DATASET, definition.dataset());
        e.putIfAbsent(Ecs.EVENT_MODULE, module);
        return e;
    }

    private static Object typed(Event e, Capture capture, Object value) {
        Object converted = switch (capture.type()) {
            case "int", "long" -> FieldMapper.toLong(value);
            case "float", "double" -> FieldMapper.toDouble(value);
            default -> value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
                    ? Boolean.valueOf(s) : null;
        };
        if (converted == null) {
            FieldMapper.fail(e, capture.field() + ": '" + value + "' is not " + TYPE_NAMES.get(capture.type()));
            return value;
        }
        return converted;
    }

    /** Moves a readable time from {@code @timestamp} or {@code timestamp} to {@code @timestamp}. */
    private static void timestamp(Event e, Instant received) {
        Object at = e.get(Ecs.TIMESTAMP);
        if (at instanceof Instant) {
            return;
        }
        if (at != null) {
            // Only an Instant may stay in @timestamp: stores index it as the event time.
            e.remove(Ecs.TIMESTAMP);
            Instant t = COMMON_TIME.read(at, received);
            if (t != null) {
                e.put(Ecs.TIMESTAMP, t);
                return;
            }
            e.putIfAbsent(TIMESTAMP, at);
        }
        Object value = e.get(TIMESTAMP);
        Instant t = value == null ? null : COMMON_TIME.read(value, received);
        if (t != null) {
            e.remove(TIMESTAMP);
            e.put(Ecs.TIMESTAMP, t);
        }
    }

    private static List<Capture> captures(Grok grok, String path, List<Problem> problems) {
        List<Capture> out = new ArrayList<>();
        for (GrokCaptureConfig config : grok.captureConfig()) {
            String name = config.name();
            int at = name.lastIndexOf('@');
            String type = at > 0 && GrokChecker.TYPES.contains(name.substring(at + 1)) ? name.substring(at + 1) : null;
            String field = FieldNames.normalize(type == null ? name : name.substring(0, at));
            if (field == null) {
                problems.add(new Problem(path, 0, "capture " + FieldNames.explain(name)));
            } else {
                out.add(new Capture(name, field, "string".equals(type) ? null : type));
            }
        }
        return out;
    }
}
