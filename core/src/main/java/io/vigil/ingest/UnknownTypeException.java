package io.vigil.ingest;

import java.util.Set;

/** The requested parser type does not exist; the message lists those that do. */
public final class UnknownTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownTypeException(String type, Set<String> known) {
        super("unknown type '" + type + "'; known types: " + String.join(", ", known));
    }
}
