package io.vigil.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A search: a Lucene-syntax query (blank means everything), a time range on {@code @timestamp},
 * the number of hits wanted, their order and named aggregations.
 */
public record SearchRequest(String query, TimeRange range, int size, Sort sort, Map<String, Aggregation> aggregations) {
    public static final int MAX_SIZE = 10_000;

    public SearchRequest {
        query = query == null ? "" : query;
        range = range == null ? TimeRange.ALL : range;
        sort = sort == null ? Sort.NEWEST_FIRST : sort;
        aggregations = aggregations == null ? Map.of() : new LinkedHashMap<>(aggregations);
        if (size < 0 || size > MAX_SIZE) {
            throw new QueryException("size must be between 0 and " + MAX_SIZE + ", got " + size);
        }
    }

    public static SearchRequest of(String query, TimeRange range, int size) {
        return new SearchRequest(query, range, size, Sort.NEWEST_FIRST, Map.of());
    }
}
