package io.vigil.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A count comparison such as {@code > 5} or {@code >= 20}. */
public record Condition(String op, long value) {
    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|>|<|=)?\\s*(\\d+)\\s*");

    public Condition {
        if (!op.equals(">") && !op.equals(">=") && !op.equals("==") && !op.equals("<") && !op.equals("<=")) {
            throw new IllegalArgumentException("unknown comparison " + op);
        }
    }

    /** {@code "> 5"}, {@code ">=5"}, {@code "5"} (meaning {@code >= 5}); null when unreadable. */
    public static Condition parse(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String op = m.group(1) == null ? ">=" : m.group(1).equals("=") ? "==" : m.group(1);
        return new Condition(op, Long.parseLong(m.group(2)));
    }

    public boolean test(long n) {
        return switch (op) {
            case ">" -> n > value;
            case ">=" -> n >= value;
            case "==" -> n == value;
            case "<" -> n < value;
            default -> n <= value;
        };
    }

    /** The smallest count that satisfies a growing-count condition ({@code > 5} gives 6). */
    public long minimum() {
        return switch (op) {
            case ">" -> value + 1;
            case ">=", "==" -> value;
            default -> 1;
        };
    }

    @Override
    public String toString() {
        return op + " " + value;
    }
}
