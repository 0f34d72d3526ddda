package io.vigil.query;

/** Sort order of hits: a field with doc values and a direction. */
public record Sort(String field, boolean descending) {
    public static final Sort NEWEST_FIRST = new Sort("@timestamp", true);

    /** {@code @timestamp:desc}, {@code http.response.status_code:asc} or a bare field (ascending). */
    public static Sort parse(String s) {
        if (s == null || s.isBlank()) {
            return NEWEST_FIRST;
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new Sort(s.trim(), false);
        }
        String dir = s.substring(colon + 1).trim();
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new QueryException("sort direction must be asc or desc, got '" + dir + "'");
        }
        return new Sort(s.substring(0, colon).trim(), dir.equals("desc"));
    }
}
