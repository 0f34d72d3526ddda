package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parser against {@code parse/<dir>/<name>.log} and {@code <name>.expected.json}: the
 * JSON is an array with one object per line, in order. Each object lists fields the line's event
 * must have (a JSON null: must not have); fields not listed are not checked. {@code "_failed": true}
 * expects {@link ParseResult.Failed}. Every parsed event must also keep the raw line in
 * {@code message}. All differences are reported at once.
 */
final class ExpectedEvents {
    /** Year-less BSD dates in fixtures are read as if received now: Jan 1-16 are 2025, the rest 2024. */
    static final Instant RECEIVED = Instant.parse("2025-01-15T12:00:00Z");

    private ExpectedEvents() {}

    static List<String> lines(String resource) {
        return List.of(read(resource).split("\n"));
    }

    static void assertMatches(Parser parser, String dir, String name) {
        List<String> lines = lines("parse/" + dir + "/" + name + ".log");
        JsonNode expected;
        try {
            expected = EventJson.MAPPER.readTree(read("parse/" + dir + "/" + name + ".expected.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(expected.size()).as("objects in %s.expected.json", name).isEqualTo(lines.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            ParseResult result = parser.parse(new RawEvent(line, RECEIVED));
            for (String problem : differences(line, result, (ObjectNode) expected.get(i))) {
                problems.add(name + ".log:" + (i + 1) + ": " + problem + "\n    " + line);
            }
        }
        assertThat(problems).as("differences from %s.expected.json", name).isEmpty();
    }

    static List<String> differences(String line, ParseResult result, ObjectNode expected) {
        boolean failureExpected = expected.path("_failed").asBoolean(false);
        if (result instanceof ParseResult.Failed failed) {
            return failureExpected ? List.of() : List.of("failed: " + failed.reason());
        }
        List<Event> events = ((ParseResult.Parsed) result).events();
        if (failureExpected) {
            return List.of("parsed, expected a failure: " + events);
        }
        if (events.size() != 1) {
            return List.of("expected one event, got " + events.size());
        }
        List<String> problems = new ArrayList<>();
        if (!line.equals(events.get(0).get(Ecs.MESSAGE))) {
            problems.add("message is not the raw line");
        }
        ObjectNode actual = EventJson.toFlat(events.get(0));
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            JsonNode want = field.getValue();
            JsonNode got = actual.get(field.getKey());
            if (want.isNull() ? got != null : got == null || !same(want, got)) {
                problems.add(field.getKey() + ": expected " + want + ", got " + got);
            }
        }
        return problems;
    }

    private static boolean same(JsonNode want, JsonNode got) {
        if (want.isNumber() && got.isNumber()) {
            return want.decimalValue().compareTo(got.decimalValue()) == 0;
        }
        if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!same(want.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }

    private static String read(String resource) {
        try (InputStream in = ExpectedEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
