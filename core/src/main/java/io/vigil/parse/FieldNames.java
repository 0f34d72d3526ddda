package io.vigil.parse;

import io.vigil.event.Ecs;
import java.util.regex.Pattern;

/**
 * Field names as users write them in grok captures and mappings: dotted ECS names
 * ({@code source.ip}) or Logstash's bracket form ({@code [source][ip]}), both meaning the same field.
 */
final class FieldNames {
    private FieldNames() {}

    static final int MAX_LENGTH = 256;
    // "@" only opens a segment (@timestamp): GrokPatterns appends "@int" and the like to capture names.
    private static final String SEGMENT = "@?[A-Za-z0-9_][A-Za-z0-9_\\-]*";
    private static final Pattern DOTTED = Pattern.compile(SEGMENT + "(\\." + SEGMENT + ")*");
    private static final Pattern BRACKETED = Pattern.compile("(\\[" + SEGMENT + "])+");

    /** The dotted name, or null when {@code name} is neither a dotted nor a bracketed field name. */
    static String normalize(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return null;
        }
        if (BRACKETED.matcher(name).matches()) {
            return name.substring(1, name.length() - 1).replace("][", ".");
        }
        return DOTTED.matcher(name).matches() ? name : null;
    }

    /** Why a name is not a field name, for error messages. */
    static String explain(String name) {
        return "'" + name + "' is not a field name: use dotted ECS names such as source.ip (or [source][ip]),"
                + " made of letters, digits, _ and - (@ only at the start of a part, as in @timestamp)";
    }

    /**
     * True for fields a mapping must not write: {@code message} always holds the raw line, and the
     * pipeline owns the event id and ingest time.
     */
    static boolean reserved(String field) {
        return field.equals(Ecs.MESSAGE) || field.equals(Ecs.ID) || field.equals(Ecs.EVENT_INGESTED);
    }
}
