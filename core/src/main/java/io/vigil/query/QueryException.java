package io.vigil.query;

/**
 * A query, time expression or aggregation a person typed is not valid. The message says what and
 * {@link #position()} where (1-based column, or 0 when not known).
 */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public QueryException(String message, int position) {
        super(message);
        this.position = position;
    }

    public QueryException(String message) {
        this(message, 0);
    }

    public int position() {
        return position;
    }
}
