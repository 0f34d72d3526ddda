package io.vigil.rules;

import java.util.Locale;

/** How urgent a security event is, lowest first. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code low|medium|high|critical}; null when it is none of them. */
    public static Severity parse(String s) {
        if (s == null) {
            return null;
        }
        for (Severity v : values()) {
            if (v.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }
}
