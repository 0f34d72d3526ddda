package io.vigil.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule (or rule file) is invalid; {@link #problems()} lists every problem found, not just the first. */
public final class RuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    public RuleException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
