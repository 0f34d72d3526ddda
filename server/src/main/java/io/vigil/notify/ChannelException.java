package io.vigil.notify;

import java.util.List;

/** A channel definition that is not valid; lists every problem found, each as {@code "field: what is wrong"}. */
public final class ChannelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ChannelException(List<String> problems) {
        super("invalid channel: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
