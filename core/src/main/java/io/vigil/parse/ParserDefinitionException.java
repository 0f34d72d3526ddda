package io.vigil.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A user-defined parser is not valid. Carries every problem found, not only the first, each with
 * where it is in the definition and why.
 */
public final class ParserDefinitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem.
     *
     * @param path where in the definition, as its JSON keys: {@code name}, {@code patterns[0]},
     *     {@code pattern_definitions.MY_TIME}, {@code mappings[2].format}
     * @param position 1-based column in that string value, or 0 when the whole value is meant
     * @param reason what is wrong, in words a person can act on
     */
    public record Problem(String path, int position, String reason) {
        @Override
        public String toString() {
            return path + (position > 0 ? " column " + position : "") + ": " + reason;
        }
    }

    private final transient List<Problem> problems;

    /** @param problems at least one */
    public ParserDefinitionException(String name, List<Problem> problems) {
        super(message(name, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid definition has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(String name, List<Problem> problems) {
        String which = name == null || name.isBlank() ? "parser definition" : "parser definition '" + name + "'";
        return "invalid " + which + " (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "): "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
