package io.vigil.rules;

import io.vigil.detect.DetectionEngine;
import io.vigil.detect.Limits;
import io.vigil.detect.Signal;
import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Detection as code: runs a rule over log files with the streaming engine and says whether it
 * fired. A rule's {@code tests.fires_on} file must make it fire and {@code tests.quiet_on} must
 * not; file paths are relative to the rule file's folder. Stateless and thread-safe.
 */
public final class RuleTester {
    private final ParserRegistry parsers;

    public RuleTester(ParserRegistry parsers) {
        this.parsers = parsers;
    }

    /** The signals a rule raises on the lines of a file parsed with {@code type}. */
    public List<Signal> run(Rule rule, Path logFile, String type) throws IOException {
        List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return run(rule, lines, type);
    }

    public List<Signal> run(Rule rule, List<String> lines, String type) {
        IngestPipeline pipeline = new IngestPipeline(parsers, null, Clock.systemUTC(), 1 << 20);
        List<Event> events = pipeline.toEvents(type, lines);
        Function<String, FieldType> types = typesOf(events);
        DetectionEngine engine = new DetectionEngine(Limits.defaults(), types);
        engine.setRules(List.of(rule.withEnabled(true)));
        return engine.process(events);
    }

    /** Field types as a store would fix them from these events. */
    private static Function<String, FieldType> typesOf(List<Event> events) {
        java.util.Map<String, FieldType> types = new java.util.HashMap<>();
        for (Event e : events) {
            e.fields().forEach((f, v) -> types.putIfAbsent(f, io.vigil.event.Schema.infer(f, v)));
        }
        return f -> {
            FieldType t = types.get(f);
            return t != null ? t : io.vigil.event.Schema.known(f);
        };
    }

    /** What a rule's own samples showed: problems is empty when it passes. */
    public record Outcome(Rule rule, int positiveSignals, int negativeSignals, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Runs a rule's {@code tests} samples, found relative to {@code ruleDir}. */
    public Outcome check(Rule rule, Path ruleDir) {
        List<String> problems = new ArrayList<>();
        if (rule.tests() == null) {
            problems.add("no tests: every rule needs fires_on and quiet_on samples");
            return new Outcome(rule, 0, 0, problems);
        }
        String type = rule.tests().type() == null ? "auto" : rule.tests().type();
        int positive = count(rule, ruleDir.resolve(rule.tests().firesOn()), type, problems);
        int negative = count(rule, ruleDir.resolve(rule.tests().quietOn()), type, problems);
        if (positive == 0 && problems.isEmpty()) {
            problems.add("did not fire on " + rule.tests().firesOn());
        }
        if (negative > 0) {
            problems.add("fired " + negative + " time(s) on " + rule.tests().quietOn());
        }
        return new Outcome(rule, positive, negative, problems);
    }

    private int count(Rule rule, Path file, String type, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("missing sample file " + file);
            return 0;
        }
        try {
            return run(rule, file, type).size();
        } catch (IOException | RuntimeException e) {
            problems.add("could not run on " + file + ": " + e.getMessage());
            return 0;
        }
    }
}
