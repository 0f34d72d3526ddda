package io.vigil.web;

import java.util.List;

/** A dashboard that is not valid, with every problem found ({@code "panels[2].chart: ..."}). */
public final class DashboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public DashboardException(List<String> problems) {
        super("invalid dashboard: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
