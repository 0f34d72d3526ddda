package io.vigil.store.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Global ordinals of keyword and IP fields, per daily index reader: one numbering of a field's
 * terms across all segments of a reader, in term order, so that {@code terms} and
 * {@code cardinality} count into one array per daily index instead of merging every segment's
 * terms by value. Built on the first aggregation that needs them (a merge of the segments' term
 * dictionaries) and kept until the reader closes; a refresh makes a new reader, so only today's
 * index is rebuilt after writes, the days before are reused. Thread-safe.
 */
final class GlobalOrdinals {
    private final Map<IndexReader.CacheKey, Map<String, OrdinalMap>> cache = new ConcurrentHashMap<>();

    /** The readers of one search, in the order their leaves appear in the searcher. */
    Search forSearch(List<DirectoryReader> readers) {
        return new Search(readers);
    }

    int cachedReaders() {
        return cache.size();
    }

    private OrdinalMap map(DirectoryReader reader, String field) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return build(reader, field, null);
        }
        Map<String, OrdinalMap> fields = cache.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(cache::remove);
            return new ConcurrentHashMap<>();
        });
        OrdinalMap map = fields.get(field);
        if (map == null) {
            map = build(reader, field, helper.getKey());
            fields.putIfAbsent(field, map);
        }
        return map;
    }

    private static OrdinalMap build(DirectoryReader reader, String field, IndexReader.CacheKey key) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = DocValues.getSortedSet(leaves.get(i).reader(), field);
        }
        return OrdinalMap.build(key, values, PackedInts.DEFAULT);
    }

    /** A field's global ordinals in one daily index, seen from one of its segments. */
    record Leaf(int group, long valueCount, LongValues toGlobal, Terms terms) {}

    /** Looks up the term of a global ordinal of one daily index. */
    static final class Terms {
        private final OrdinalMap map;
        private final SortedSetDocValues[] segments;

        Terms(OrdinalMap map, SortedSetDocValues[] segments) {
            this.map = map;
            this.segments = segments;
        }

        BytesRef term(long globalOrd) throws IOException {
            int segment = map.getFirstSegmentNumber(globalOrd);
            return segments[segment].lookupOrd(map.getFirstSegmentOrd(globalOrd));
        }
    }

    /** Global ordinals for the leaves of one search over several daily indices. */
    final class Search {
        private final List<DirectoryReader> readers;
        private final int[] leafStarts;
        private final Map<String, Object[]> groups = new java.util.HashMap<>(); // field -> per group {OrdinalMap, Terms}

        private Search(List<DirectoryReader> readers) {
            this.readers = readers;
            this.leafStarts = new int[readers.size() + 1];
            for (int i = 0; i < readers.size(); i++) {
                leafStarts[i + 1] = leafStarts[i] + readers.get(i).leaves().size();
            }
        }

        int groups() {
            return readers.size();
        }

        /**
         * The global ordinals of a field for the daily index a leaf of the searcher belongs to.
         *
         * @param leaf a leaf of the searcher built over exactly these readers, in order
         */
        Leaf leaf(LeafReaderContext leaf, String field) throws IOException {
            int group = 0;
            while (leaf.ord >= leafStarts[group + 1]) {
                group++;
            }
            Object[] perGroup = groups.computeIfAbsent(field, f -> new Object[readers.size()]);
            Terms terms = (Terms) perGroup[group];
            if (terms == null) {
                DirectoryReader reader = readers.get(group);
                List<LeafReaderContext> leaves = reader.leaves();
                SortedSetDocValues[] segments = new SortedSetDocValues[leaves.size()];
                for (int i = 0; i < segments.length; i++) {
                    segments[i] = DocValues.getSortedSet(leaves.get(i).reader(), field);
                }
                terms = new Terms(map(reader, field), segments);
                perGroup[group] = terms;
            }
            return new Leaf(group, terms.map.getValueCount(), terms.map.getGlobalOrds(leaf.ord - leafStarts[group]), terms);
        }
    }
}
