package io.vigil.store.lucene;

import io.vigil.event.Ecs;
import io.vigil.event.FieldType;
import io.vigil.query.AggregationResult;
import io.vigil.query.QueryException;
import io.vigil.query.EventQueryParser;
import io.vigil.query.SearchRequest;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;

/** Builds the Lucene query for a {@link SearchRequest} and runs it: hits, exact total, aggregations. */
final class LuceneSearch {
    private LuceneSearch() {}

    private static final TopDocs NO_HITS = new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);

    /** The result of one run over a searcher. */
    record Page(long total, TopDocs top, Map<String, AggregationResult> aggregations) {}

    /** The user's query restricted to the request's time range. */
    static Query query(SearchRequest request, Function<String, FieldType> types) {
        Query user = EventQueryParser.parse(request.query(), types);
        if (request.range().from() == null && request.range().to() == null) {
            return user;
        }
        long from = request.range().from() == null ? Long.MIN_VALUE : request.range().from().toEpochMilli();
        long to = request.range().to() == null ? Long.MAX_VALUE : request.range().to().toEpochMilli() - 1;
        Query time = LongPoint.newRangeQuery(Ecs.TIMESTAMP, from, to);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (!(user instanceof MatchAllDocsQuery)) {
            b.add(user, BooleanClause.Occur.MUST);
        }
        b.add(time, BooleanClause.Occur.FILTER);
        return b.build();
    }

    /**
     * @param ordinals global ordinals for the searcher's leaves (null: per-segment term merging)
     */
    static Page run(IndexSearcher searcher, Query query, SearchRequest request, Function<String, FieldType> types,
                    GlobalOrdinals.Search ordinals) throws IOException {
        Sort sort = sort(request.sort(), types);
        if (request.aggregations().isEmpty()) {
            long total = searcher.count(query);
            TopDocs top = request.size() == 0 || total == 0 ? NO_HITS : searcher.search(query, request.size(), sort, false);
            return new Page(total, top, Map.of());
        }
        Aggregator aggregator = new Aggregator(request.aggregations(), types, request.range(), ordinals);
        if (request.size() == 0) {
            searcher.search(query, aggregator);
            return new Page(aggregator.count(), NO_HITS, aggregator.results());
        }
        TopFieldCollector top = new TopFieldCollectorManager(sort, request.size(), null, Integer.MAX_VALUE, false)
                .newCollector();
        searcher.search(query, MultiCollector.wrap(top, aggregator));
        return new Page(aggregator.count(), top.topDocs(), aggregator.results());
    }

    static Sort sort(io.vigil.query.Sort sort, Function<String, FieldType> types) {
        String field = sort.field();
        boolean reverse = sort.descending();
        if (field.equals(Ecs.TIMESTAMP)) {
            return new Sort(new SortField(field, SortField.Type.LONG, reverse));
        }
        if (field.equals("_score")) {
            return Sort.RELEVANCE;
        }
        FieldType type = types.apply(field);
        if (type == null) {
            // No event has the field yet, so every hit lacks it: newest first is the honest order.
            return new Sort(new SortField(Ecs.TIMESTAMP, SortField.Type.LONG, true));
        }
        SortField primary;
        switch (type) {
            case LONG, DATE -> {
                primary = new SortedNumericSortField(field, SortField.Type.LONG, reverse);
                primary.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
            }
            case DOUBLE -> {
                primary = new SortedNumericSortField(field, SortField.Type.DOUBLE, reverse);
                primary.setMissingValue(reverse ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            case KEYWORD, IP, BOOLEAN -> {
                primary = new SortedSetSortField(field, reverse);
                primary.setMissingValue(reverse ? SortField.STRING_FIRST : SortField.STRING_LAST);
            }
            default -> throw new QueryException("cannot sort on text field " + field + "; sort on a keyword field");
        }
        return new Sort(primary, new SortField(Ecs.TIMESTAMP, SortField.Type.LONG, true));
    }
}
