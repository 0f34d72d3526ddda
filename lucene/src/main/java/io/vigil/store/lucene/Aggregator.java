package io.vigil.store.lucene;

import io.vigil.event.FieldType;
import io.vigil.query.Aggregation;
import io.vigil.query.AggregationResult;
import io.vigil.query.AggregationResult.Bucket;
import io.vigil.query.QueryException;
import io.vigil.query.TimeRange;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.NumericUtils;

/**
 * Computes named aggregations over doc values in one pass over the matching documents, and counts
 * them. Keyword and IP values are counted per segment by ordinal and merged by term at the end of
 * each segment. Not thread-safe: one per search.
 */
final class Aggregator extends SimpleCollector {
    private final Map<String, Agg> aggs = new LinkedHashMap<>();
    private final List<Agg> list = new ArrayList<>();
    private long count;

    Aggregator(Map<String, Aggregation> requested, Function<String, FieldType> types, TimeRange range) {
        this(requested, types, range, null);
    }

    /**
     * @param ordinals global ordinals for the searcher's leaves, or null to merge each segment's
     *     keyword and IP terms by value (slower on fields with many distinct values)
     */
    Aggregator(Map<String, Aggregation> requested, Function<String, FieldType> types, TimeRange range,
               GlobalOrdinals.Search ordinals) {
        for (Map.Entry<String, Aggregation> e : requested.entrySet()) {
            Agg agg = create(e.getValue(), types, range, ordinals);
            aggs.put(e.getKey(), agg);
            list.add(agg);
        }
    }

    long count() {
        return count;
    }

    Map<String, AggregationResult> results() {
        Map<String, AggregationResult> out = new LinkedHashMap<>();
        aggs.forEach((name, agg) -> out.put(name, agg.result()));
        return out;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        for (Agg agg : list) {
            agg.setLeaf(context);
        }
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
        count++;
        for (Agg agg : list) {
            agg.collect(doc);
        }
    }

    @Override
    public void finish() throws IOException {
        for (Agg agg : list) {
            agg.finishLeaf();
        }
    }

    private static Agg create(Aggregation a, Function<String, FieldType> types, TimeRange range,
                              GlobalOrdinals.Search ordinals) {
        FieldType type = types.apply(a.field());
        if (type == null) {
            return new Empty(a);
        }
        if (a instanceof Aggregation.DateHistogram h) {
            if (type != FieldType.DATE && type != FieldType.LONG) {
                throw new QueryException("date_histogram needs a date field; " + a.field() + " is " + type.id());
            }
            return new Histogram(h.field(), h.interval().toMillis(), range);
        }
        if (a instanceof Aggregation.Stats) {
            if (!type.isNumeric()) {
                throw new QueryException("stats needs a numeric field; " + a.field() + " is " + type.id());
            }
            return new Stats(a.field(), type == FieldType.DOUBLE);
        }
        String kind = a instanceof Aggregation.Terms ? "terms" : "cardinality";
        if (type == FieldType.TEXT) {
            throw new QueryException(kind + " needs a keyword, IP or numeric field; " + a.field() + " is text");
        }
        boolean ordinal = type == FieldType.KEYWORD || type == FieldType.IP || type == FieldType.BOOLEAN;
        if (ordinal && ordinals != null) {
            GlobalCounts counts = new GlobalCounts(ordinals, a.field());
            return a instanceof Aggregation.Terms t ? new GlobalTerms(counts, t.size(), type) : new GlobalCardinality(counts);
        }
        if (a instanceof Aggregation.Terms t) {
            return ordinal ? new OrdinalTerms(t.field(), t.size(), type) : new NumericTerms(t.field(), t.size(), type);
        }
        return ordinal ? new OrdinalCardinality(a.field()) : new NumericCardinality(a.field());
    }

    private interface Agg {
        void setLeaf(LeafReaderContext context) throws IOException;

        void collect(int doc) throws IOException;

        default void finishLeaf() throws IOException {}

        AggregationResult result();
    }

    /** An aggregation over a field that no document has: empty results of the right shape. */
    private record Empty(Aggregation a) implements Agg {
        public void setLeaf(LeafReaderContext context) {}

        public void collect(int doc) {}

        public AggregationResult result() {
            if (a instanceof Aggregation.Cardinality) {
                return new AggregationResult.Value(0);
            }
            if (a instanceof Aggregation.Stats) {
                return new AggregationResult.Stats(0, null, null, null, 0);
            }
            return new AggregationResult.Buckets(List.of(), 0);
        }
    }

    private static final class Histogram implements Agg {
        private final String field;
        private final long interval;
        private final long origin;
        private final long[] dense;
        private final HashMap<Long, long[]> sparse = new HashMap<>();
        private final TimeRange range;
        private SortedNumericDocValues values;
        private org.apache.lucene.index.NumericDocValues single;

        Histogram(String field, long interval, TimeRange range) {
            this.field = field;
            this.interval = interval;
            this.range = range;
            if (range.from() != null && range.to() != null) {
                origin = Math.floorDiv(range.from().toEpochMilli(), interval) * interval;
                long n = (range.to().toEpochMilli() - origin) / interval + 1;
                if (n > 200_000) {
                    throw new QueryException("date_histogram would make " + n + " buckets; use a larger interval");
                }
                dense = new long[(int) n];
            } else {
                origin = 0;
                dense = null;
            }
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            values = DocValues.getSortedNumeric(context.reader(), field);
            single = DocValues.unwrapSingleton(values); // @timestamp: one value per event
        }

        public void collect(int doc) throws IOException {
            if (single != null) {
                if (single.advanceExact(doc)) {
                    add(single.longValue());
                }
                return;
            }
            if (!values.advanceExact(doc)) {
                return;
            }
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                add(values.nextValue());
            }
        }

        private void add(long v) {
            long bucket = Math.floorDiv(v - origin, interval);
            if (dense != null && bucket >= 0 && bucket < dense.length) {
                dense[(int) bucket]++;
            } else {
                sparse.computeIfAbsent(origin + bucket * interval, k -> new long[1])[0]++;
            }
        }

        public AggregationResult result() {
            Map<Long, Long> counts = new java.util.TreeMap<>();
            if (dense != null) {
                long end = range.to().toEpochMilli();
                for (int i = 0; i < dense.length; i++) {
                    long key = origin + i * interval;
                    if (key < end || dense[i] > 0) {
                        counts.put(key, dense[i]);
                    }
                }
            }
            sparse.forEach((k, v) -> counts.merge(k, v[0], Long::sum));
            if (dense == null && !counts.isEmpty()) {
                // Fill the gaps between the first and last bucket so charts show silences.
                long first = counts.keySet().iterator().next();
                long last = ((java.util.TreeMap<Long, Long>) counts).lastKey();
                if ((last - first) / interval <= 200_000) {
                    for (long k = first; k < last; k += interval) {
                        counts.putIfAbsent(k, 0L);
                    }
                }
            }
            List<Bucket> buckets = new ArrayList<>(counts.size());
            counts.forEach((k, v) -> buckets.add(new Bucket(k, Instant.ofEpochMilli(k).toString(), v)));
            return new AggregationResult.Buckets(buckets, 0);
        }
    }

    /** Display form of a keyword, boolean or IP doc value. */
    static String display(BytesRef bytes, FieldType type) {
        if (type == FieldType.IP) {
            byte[] b = BytesRef.deepCopyOf(bytes).bytes;
            return formatIp(InetAddressPoint.decode(b));
        }
        return bytes.utf8ToString();
    }

    /** IPv4 dotted, IPv6 in RFC 5952 short form. */
    static String formatIp(InetAddress address) {
        String s = address.getHostAddress();
        if (address instanceof java.net.Inet6Address) {
            s = s.replaceAll("((?:(?:^|:)0+\\b){2,})", ":").replaceFirst("^0+:", ":");
            s = s.replaceAll("\\b0+([0-9a-f])", "$1");
            if (s.startsWith(":") && !s.startsWith("::")) {
                s = ":" + s;
            }
            if (s.endsWith(":") && !s.endsWith("::")) {
                s = s + ":";
            }
        }
        return s;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        return a instanceof Comparable c && a.getClass() == b.getClass() ? c.compareTo(b) : a.toString().compareTo(b.toString());
    }

    private static List<Bucket> top(Map<Object, long[]> counts, int size, long[] other) {
        // Ties broken by key (smaller key ranks higher) so that results are stable.
        Comparator<Map.Entry<Object, long[]>> order = Comparator.<Map.Entry<Object, long[]>>comparingLong(e -> e.getValue()[0])
                .thenComparing((a, b) -> compareKeys(b.getKey(), a.getKey()));
        PriorityQueue<Map.Entry<Object, long[]>> heap = new PriorityQueue<>(order);
        long total = 0;
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            total += e.getValue()[0];
            if (heap.size() == size && order.compare(e, heap.peek()) <= 0) {
                continue; // cannot enter the top: skip the heap work
            }
            heap.add(e);
            if (heap.size() > size) {
                heap.poll();
            }
        }
        List<Bucket> out = new ArrayList<>(heap.size());
        long kept = 0;
        while (!heap.isEmpty()) {
            Map.Entry<Object, long[]> e = heap.poll();
            kept += e.getValue()[0];
            out.add(0, new Bucket(e.getKey(), e.getKey().toString(), e.getValue()[0]));
        }
        other[0] = total - kept;
        return out;
    }

    /**
     * Document counts per global ordinal of a keyword or IP field, one array per daily index, and
     * the counted terms in term order across daily indices.
     */
    private static final class GlobalCounts {
        private final GlobalOrdinals.Search search;
        private final String field;
        private final long[][] counts;
        private final GlobalOrdinals.Terms[] terms;
        private SortedSetDocValues values;
        private LongValues toGlobal;
        private long[] current;
        private int[] segmentCounts;
        private org.apache.lucene.index.SortedDocValues single;

        GlobalCounts(GlobalOrdinals.Search search, String field) {
            this.search = search;
            this.field = field;
            this.counts = new long[search.groups()][];
            this.terms = new GlobalOrdinals.Terms[search.groups()];
        }

        // Documents are counted per segment ordinal (a smaller array, no mapping per document) and
        // the segment's counts are added to the daily index's global counts when the segment ends:
        // segment ordinals map to increasing global ordinals, so that pass walks both arrays in order.
        void setLeaf(LeafReaderContext context) throws IOException {
            finishLeaf();
            values = DocValues.getSortedSet(context.reader(), field);
            single = null;
            if (values.getValueCount() == 0) {
                return;
            }
            GlobalOrdinals.Leaf leaf = search.leaf(context, field);
            if (counts[leaf.group()] == null) {
                counts[leaf.group()] = new long[Math.toIntExact(leaf.valueCount())];
                terms[leaf.group()] = leaf.terms();
            }
            current = counts[leaf.group()];
            toGlobal = leaf.toGlobal();
            segmentCounts = new int[Math.toIntExact(values.getValueCount())];
            single = DocValues.unwrapSingleton(values);
        }

        void collect(int doc) throws IOException {
            if (single != null) {
                if (segmentCounts != null && single.advanceExact(doc)) {
                    segmentCounts[single.ordValue()]++;
                }
                return;
            }
            if (segmentCounts != null && values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    segmentCounts[(int) values.nextOrd()]++;
                }
            }
        }

        void finishLeaf() {
            if (segmentCounts == null) {
                return;
            }
            int[] c = segmentCounts;
            for (int ord = 0; ord < c.length; ord++) {
                if (c[ord] != 0) {
                    current[(int) toGlobal.get(ord)] += c[ord];
                }
            }
            segmentCounts = null;
        }

        /** The only daily index with counts, or -1 when there are several (or none: -2). */
        int single() {
            int found = -2;
            for (int g = 0; g < counts.length; g++) {
                if (counts[g] != null) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = g;
                }
            }
            return found;
        }

        interface TermCount {
            void accept(BytesRef term, long count) throws IOException;
        }

        /** Every counted term once, in term order, with its count summed over the daily indices. */
        void forEachTerm(TermCount consumer) throws IOException {
            PriorityQueue<Cursor> queue = new PriorityQueue<>((x, y) -> x.term.compareTo(y.term));
            for (int g = 0; g < counts.length; g++) {
                if (counts[g] != null) {
                    Cursor c = new Cursor(counts[g], terms[g]);
                    if (c.advance()) {
                        queue.add(c);
                    }
                }
            }
            while (!queue.isEmpty()) {
                Cursor first = queue.poll();
                BytesRef term = first.term;
                long sum = first.count();
                List<Cursor> same = new ArrayList<>(2);
                same.add(first);
                while (!queue.isEmpty() && queue.peek().term.equals(term)) {
                    Cursor c = queue.poll();
                    sum += c.count();
                    same.add(c);
                }
                consumer.accept(term, sum);
                for (Cursor c : same) {
                    if (c.advance()) {
                        queue.add(c);
                    }
                }
            }
        }

        private static final class Cursor {
            private final long[] counts;
            private final GlobalOrdinals.Terms terms;
            private int ord = -1;
            private BytesRef term;

            Cursor(long[] counts, GlobalOrdinals.Terms terms) {
                this.counts = counts;
                this.terms = terms;
            }

            boolean advance() throws IOException {
                do {
                    ord++;
                } while (ord < counts.length && counts[ord] == 0);
                if (ord >= counts.length) {
                    return false;
                }
                term = BytesRef.deepCopyOf(terms.term(ord));
                return true;
            }

            long count() {
                return counts[ord];
            }
        }
    }

    /** An aggregation that counts documents per global ordinal and reads the counts at the end. */
    private abstract static class GlobalAgg implements Agg {
        final GlobalCounts counts;

        GlobalAgg(GlobalCounts counts) {
            this.counts = counts;
        }

        public final void setLeaf(LeafReaderContext context) throws IOException {
            counts.setLeaf(context);
        }

        public final void collect(int doc) throws IOException {
            counts.collect(doc);
        }

        @Override
        public final void finishLeaf() {
            counts.finishLeaf();
        }
    }

    /** {@code terms} on a keyword or IP field through global ordinals: only the top terms are looked up when one daily index is searched. */
    private static final class GlobalTerms extends GlobalAgg {
        private final int size;
        private final FieldType type;

        GlobalTerms(GlobalCounts counts, int size, FieldType type) {
            super(counts);
            this.size = size;
            this.type = type;
        }

        public AggregationResult result() {
            try {
                return buckets();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private AggregationResult buckets() throws IOException {
            counts.finishLeaf();
            int single = counts.single();
            if (single == -2 || size <= 0) {
                return new AggregationResult.Buckets(List.of(), 0);
            }
            long total = 0;
            List<Bucket> buckets = new ArrayList<>();
            long kept = 0;
            if (single >= 0) {
                // Global ordinals are in term order: a smaller ordinal is a smaller term, which wins ties.
                long[] c = counts.counts[single];
                PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(y[0], x[0]));
                for (int ord = 0; ord < c.length; ord++) {
                    long n = c[ord];
                    if (n == 0) {
                        continue;
                    }
                    total += n;
                    if (heap.size() == size) {
                        long[] min = heap.peek();
                        if (n < min[1] || n == min[1]) {
                            continue; // equal count: the smaller ordinal already in wins
                        }
                        heap.poll();
                    }
                    heap.add(new long[] {ord, n});
                }
                while (!heap.isEmpty()) {
                    long[] e = heap.poll();
                    String key = display(counts.terms[single].term(e[0]), type);
                    buckets.add(0, new Bucket(key, key, e[1]));
                    kept += e[1];
                }
            } else {
                List<Object[]> exact = candidatesTop(counts, size);
                if (exact != null) {
                    for (long[] c : counts.counts) {
                        for (long n : c == null ? new long[0] : c) {
                            total += n;
                        }
                    }
                    for (Object[] e : exact) {
                        String key = display((BytesRef) e[0], type);
                        buckets.add(new Bucket(key, key, (Long) e[1]));
                        kept += (Long) e[1];
                    }
                    return new AggregationResult.Buckets(buckets, total - kept);
                }
                PriorityQueue<Object[]> heap = new PriorityQueue<>((x, y) -> {
                    int byCount = Long.compare((Long) x[1], (Long) y[1]);
                    return byCount != 0 ? byCount : ((BytesRef) y[0]).compareTo((BytesRef) x[0]);
                });
                long[] sum = new long[1];
                counts.forEachTerm((term, n) -> {
                    sum[0] += n;
                    // Terms arrive in increasing order: on equal counts the one already in wins.
                    if (heap.size() == size && n <= (Long) heap.peek()[1]) {
                        return;
                    }
                    heap.add(new Object[] {term, n});
                    if (heap.size() > size) {
                        heap.poll();
                    }
                });
                total = sum[0];
                while (!heap.isEmpty()) {
                    Object[] e = heap.poll();
                    String key = display((BytesRef) e[0], type);
                    buckets.add(0, new Bucket(key, key, (Long) e[1]));
                    kept += (Long) e[1];
                }
            }
            return new AggregationResult.Buckets(buckets, total - kept);
        }
    }

    /**
     * The top terms over several daily indices without looking up every counted term (the
     * threshold algorithm): each day's {@code k} most frequent terms are the candidates, their
     * totals are counted exactly in every day, and the answer is exact when the last of the top
     * totals exceeds the most any other term could have (the sum of each day's k-th count).
     * Answers null when that cannot be shown even with a larger k; then every term is merged.
     */
    private static List<Object[]> candidatesTop(GlobalCounts counts, int size) throws IOException {
        Comparator<Object[]> better = (x, y) -> {
            int byCount = Long.compare((Long) y[1], (Long) x[1]);
            return byCount != 0 ? byCount : ((BytesRef) x[0]).compareTo((BytesRef) y[0]);
        };
        for (int k = Math.max(size, 10) * 2; k <= Math.max(size, 10) * 64; k *= 8) {
            Map<BytesRef, Long> candidates = new HashMap<>();
            long bound = 0;
            for (int g = 0; g < counts.counts.length; g++) {
                long[] c = counts.counts[g];
                if (c == null) {
                    continue;
                }
                PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> Long.compare(x[1], y[1]));
                for (int ord = 0; ord < c.length; ord++) {
                    if (c[ord] > 0 && (heap.size() < k || c[ord] > heap.peek()[1])) {
                        heap.add(new long[] {ord, c[ord]});
                        if (heap.size() > k) {
                            heap.poll();
                        }
                    }
                }
                bound += heap.size() == k ? heap.peek()[1] : 0;
                for (long[] e : heap) {
                    candidates.putIfAbsent(BytesRef.deepCopyOf(counts.terms[g].term(e[0])), 0L);
                }
            }
            List<Object[]> totals = new ArrayList<>(candidates.size());
            for (BytesRef term : candidates.keySet()) {
                long sum = 0;
                for (int g = 0; g < counts.counts.length; g++) {
                    if (counts.counts[g] != null) {
                        long ord = counts.terms[g].ord(term);
                        sum += ord >= 0 ? counts.counts[g][(int) ord] : 0;
                    }
                }
                totals.add(new Object[] {term, sum});
            }
            totals.sort(better);
            List<Object[]> top = totals.subList(0, Math.min(size, totals.size()));
            if (bound == 0 || (top.size() == size && (Long) top.get(size - 1)[1] > bound)) {
                return new ArrayList<>(top);
            }
        }
        return null;
    }

    /** {@code cardinality} on a keyword or IP field through global ordinals. */
    private static final class GlobalCardinality extends GlobalAgg {
        GlobalCardinality(GlobalCounts counts) {
            super(counts);
        }

        public AggregationResult result() {
            counts.finishLeaf();
            int single = counts.single();
            if (single == -2) {
                return new AggregationResult.Value(0);
            }
            if (single >= 0) {
                long n = 0;
                for (long c : counts.counts[single]) {
                    n += c > 0 ? 1 : 0;
                }
                return new AggregationResult.Value(n);
            }
            long[] n = new long[1];
            try {
                counts.forEachTerm((term, count) -> n[0]++);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new AggregationResult.Value(n[0]);
        }
    }

    private static final class OrdinalTerms implements Agg {
        private final String field;
        private final int size;
        private final FieldType type;
        private final Map<BytesRef, long[]> byTerm = new HashMap<>();
        private SortedSetDocValues values;
        private long[] ordCounts;

        OrdinalTerms(String field, int size, FieldType type) {
            this.field = field;
            this.size = size;
            this.type = type;
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            finishLeaf();
            values = DocValues.getSortedSet(context.reader(), field);
            ordCounts = new long[(int) Math.min(values.getValueCount(), Integer.MAX_VALUE - 8)];
        }

        public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    ordCounts[(int) values.nextOrd()]++;
                }
            }
        }

        public void finishLeaf() throws IOException {
            if (ordCounts == null) {
                return;
            }
            for (int ord = 0; ord < ordCounts.length; ord++) {
                if (ordCounts[ord] > 0) {
                    // Keyed by the raw term: formatting (an IP's text form) happens for the top terms only.
                    BytesRef term = values.lookupOrd(ord);
                    long[] slot = byTerm.get(term);
                    if (slot == null) {
                        byTerm.put(BytesRef.deepCopyOf(term), new long[] {ordCounts[ord]});
                    } else {
                        slot[0] += ordCounts[ord];
                    }
                }
            }
            ordCounts = null;
        }

        public AggregationResult result() {
            try {
                finishLeaf();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long[] other = new long[1];
            List<Bucket> raw = top(new HashMap<Object, long[]>(byTerm), size, other);
            List<Bucket> buckets = new ArrayList<>(raw.size());
            for (Bucket b : raw) {
                String key = display((BytesRef) b.key(), type);
                buckets.add(new Bucket(key, key, b.docCount()));
            }
            return new AggregationResult.Buckets(buckets, other[0]);
        }
    }

    private static final class NumericTerms implements Agg {
        private final String field;
        private final int size;
        private final FieldType type;
        private final Map<Long, long[]> counts = new HashMap<>();
        private SortedNumericDocValues values;

        NumericTerms(String field, int size, FieldType type) {
            this.field = field;
            this.size = size;
            this.type = type;
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            values = DocValues.getSortedNumeric(context.reader(), field);
        }

        public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    counts.computeIfAbsent(values.nextValue(), k -> new long[1])[0]++;
                }
            }
        }

        public AggregationResult result() {
            Map<Object, long[]> keyed = new HashMap<>();
            counts.forEach((k, v) -> keyed.put(type == FieldType.DOUBLE ? (Object) NumericUtils.sortableLongToDouble(k) : k, v));
            long[] other = new long[1];
            List<Bucket> buckets = top(keyed, size, other);
            if (type == FieldType.DATE) {
                buckets = buckets.stream()
                        .map(b -> new Bucket(b.key(), Instant.ofEpochMilli((Long) b.key()).toString(), b.docCount()))
                        .toList();
            }
            return new AggregationResult.Buckets(buckets, other[0]);
        }
    }

    private static final class OrdinalCardinality implements Agg {
        private final String field;
        private final Set<BytesRef> seen = new HashSet<>();
        private SortedSetDocValues values;
        private FixedBitSet ords;

        OrdinalCardinality(String field) {
            this.field = field;
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            finishLeaf();
            values = DocValues.getSortedSet(context.reader(), field);
            ords = new FixedBitSet((int) Math.max(1, values.getValueCount()));
        }

        public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    ords.set((int) values.nextOrd());
                }
            }
        }

        public void finishLeaf() throws IOException {
            if (ords == null) {
                return;
            }
            for (int ord = ords.nextSetBit(0); ord != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                 ord = ord + 1 < ords.length() ? ords.nextSetBit(ord + 1) : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                seen.add(BytesRef.deepCopyOf(values.lookupOrd(ord)));
            }
            ords = null;
        }

        public AggregationResult result() {
            try {
                finishLeaf();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new AggregationResult.Value(seen.size());
        }
    }

    private static final class NumericCardinality implements Agg {
        private final String field;
        private final Set<Long> seen = new HashSet<>();
        private SortedNumericDocValues values;

        NumericCardinality(String field) {
            this.field = field;
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            values = DocValues.getSortedNumeric(context.reader(), field);
        }

        public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    seen.add(values.nextValue());
                }
            }
        }

        public AggregationResult result() {
            return new AggregationResult.Value(seen.size());
        }
    }

    private static final class Stats implements Agg {
        private final String field;
        private final boolean doubles;
        private SortedNumericDocValues values;
        private long count;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;

        Stats(String field, boolean doubles) {
            this.field = field;
            this.doubles = doubles;
        }

        public void setLeaf(LeafReaderContext context) throws IOException {
            values = DocValues.getSortedNumeric(context.reader(), field);
        }

        public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    long raw = values.nextValue();
                    double v = doubles ? NumericUtils.sortableLongToDouble(raw) : raw;
                    count++;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }

        public AggregationResult result() {
            return count == 0 ? new AggregationResult.Stats(0, null, null, null, 0)
                    : new AggregationResult.Stats(count, min, max, sum / count, sum);
        }
    }
}
