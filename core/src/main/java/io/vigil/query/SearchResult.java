package io.vigil.query;

import io.vigil.event.Event;
import java.util.List;
import java.util.Map;

/** Matching events: the exact total, the requested page of hits and the aggregations. */
public record SearchResult(long total, List<Event> hits, Map<String, AggregationResult> aggregations, long tookMillis) {}
