package io.vigil.rules;

import java.time.Duration;
import java.util.List;

/**
 * What makes a rule fire, as a query over stored events in a window. The events considered are
 * those matching the rule's {@code query}; groups are formed by its {@code group_by} fields.
 */
public sealed interface Detection {

    /** The stable type name used in files and the API. */
    String type();

    /** Every matching event. */
    record Match() implements Detection {
        public String type() {
            return "match";
        }
    }

    /**
     * The number of matching events of one group within {@code window} before and including an
     * event meets a level's condition; the highest level met gives the severity.
     */
    record Threshold(List<Level> levels) implements Detection {
        public Threshold {
            levels = List.copyOf(levels);
        }

        public String type() {
            return "threshold";
        }
    }

    /** The number of distinct values of {@code field} per group within the window meets a level. */
    record Cardinality(String field, List<Level> levels) implements Detection {
        public Cardinality {
            levels = List.copyOf(levels);
        }

        public String type() {
            return "cardinality";
        }
    }

    /**
     * Steps in order, each a query (and how many of its events are needed), joined by the rule's
     * group fields, all within {@code maxSpan}. The rule's own query, if any, applies to every step.
     */
    record Sequence(List<Step> steps, Duration maxSpan) implements Detection {
        public Sequence {
            steps = List.copyOf(steps);
        }

        public String type() {
            return "sequence";
        }
    }

    /** A value of {@code fields} not seen for the group within {@code history} before the event. */
    record NewTerms(List<String> fields, Duration history) implements Detection {
        public NewTerms {
            fields = List.copyOf(fields);
        }

        public String type() {
            return "new_terms";
        }
    }

    /** One level: when the count meets the condition, fire with this severity. */
    record Level(Condition count, Severity severity) {}

    /** One sequence step. */
    record Step(String query, Condition count) {}
}
