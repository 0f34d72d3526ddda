package io.vigil.intel;

import java.util.List;

/** A feed definition or its options are invalid; every problem found is listed, not just the first. */
public final class FeedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public FeedException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
