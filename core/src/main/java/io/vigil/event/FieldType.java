package io.vigil.event;

/**
 * How a field is indexed, so that queries, ranges and sorting mean what an analyst expects:
 * {@code http.response.status_code:[400 TO 499]} is numeric, {@code source.ip:"10.0.0.0/8"} is a
 * prefix, {@code message} is analysed text.
 */
public enum FieldType {
    KEYWORD, TEXT, LONG, DOUBLE, DATE, IP, BOOLEAN;

    /** The stable lower-case name used in files and the API. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static FieldType of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isNumeric() {
        return this == LONG || this == DOUBLE || this == DATE;
    }
}
