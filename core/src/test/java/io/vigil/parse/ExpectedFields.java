package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a parse result with an expected entry of a sample file (see {@link ParserContract})
 * and describes every difference, so that one run lists all of them.
 */
final class ExpectedFields {
    private ExpectedFields() {}

    static List<String> compare(String where, JsonNode expected, ParseResult result, String dataset) {
        List<String> problems = new ArrayList<>();
        if (expected.has("_failed")) {
            if (!(result instanceof ParseResult.Failed failed)) {
                problems.add(where + ": expected a failure, got " + result);
            } else if (!failed.reason().contains(expected.get("_failed").asText())) {
                problems.add(where + ": reason '" + failed.reason() + "' lacks '" + expected.get("_failed").asText() + "'");
            }
            return problems;
        }
        if (!(result instanceof ParseResult.Parsed parsed)) {
            problems.add(where + ": expected events, got " + result);
            return problems;
        }
        List<JsonNode> wanted = new ArrayList<>();
        if (expected.isArray()) {
            expected.forEach(wanted::add);
        } else {
            wanted.add(expected);
        }
        if (wanted.size() != parsed.events().size()) {
            problems.add(where + ": expected " + wanted.size() + " events, got " + parsed.events().size());
            return problems;
        }
        for (int i = 0; i < wanted.size(); i++) {
            String at = wanted.size() == 1 ? where : where + " event " + (i + 1);
            problems.addAll(compareEvent(at, wanted.get(i), parsed.events().get(i), dataset));
        }
        return problems;
    }

    private static List<String> compareEvent(String where, JsonNode wanted, Event event, String dataset) {
        List<String> problems = new ArrayList<>();
        if (!event.hasTag(Ecs.TAG_PARSE_FAILURE) && !dataset.equals(event.get(Ecs.EVENT_DATASET))
                && !wanted.has(Ecs.EVENT_DATASET)) {
            problems.add(where + ": event.dataset is " + event.get(Ecs.EVENT_DATASET));
        }
        for (Map.Entry<String, JsonNode> f : wanted.properties()) {
            String field = f.getKey();
            if (field.equals("_absent")) {
                for (JsonNode absent : f.getValue()) {
                    if (event.has(absent.asText())) {
                        problems.add(where + ": " + absent.asText() + " should be absent, is " + event.get(absent.asText()));
                    }
                }
                continue;
            }
            Object actual = event.get(field);
            if (actual == null) {
                problems.add(where + ": " + field + " missing, expected " + f.getValue());
            } else if (!same(f.getValue(), EventJson.toNode(actual))) {
                problems.add(where + ": " + field + " is " + EventJson.toNode(actual)
                        + " (" + actual.getClass().getSimpleName() + "), expected " + f.getValue());
            }
        }
        return problems;
    }

    /** JSON equality where 5 and 5L are the same number but 5 and 5.0 are not. */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.isIntegralNumber() == actual.isIntegralNumber()
                    && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
