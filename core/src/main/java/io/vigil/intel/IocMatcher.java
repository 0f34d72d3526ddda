package io.vigil.intel;

import io.vigil.event.Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every enabled feed's addresses and networks, IPv4 and IPv6, answering "which feeds list this
 * address, and why" with one binary search.
 *
 * <p>How: all entries of a family are flattened into disjoint, sorted ranges of the address space
 * (a sweep over range starts and ends), each range pointing at the interned set of listings that
 * cover it. A lookup finds the last range start at or below the address. Exact addresses are
 * ranges of one; overlapping networks from different feeds (or the same feed) need no special
 * case. Build cost is a sort of twice the number of entries.
 *
 * <p>Memory: the built form is primitive arrays only, no object per entry or range. An IPv4 range
 * is 8 bytes (its start as an {@code int}, its set id), plus a 256 KB index by the top 16 bits of
 * the address that narrows every IPv4 search to one /16 before the binary search; an IPv6 range is
 * 20 bytes (two {@code long}s and the set id). An address listed alone makes two ranges (its start
 * and the start of what follows). Building sorts primitive arrays too (8 bytes per IPv4 edge,
 * 20 per IPv6 edge), so the peak while building stays close to the result.
 *
 * <p>Immutable and thread-safe: a refresh builds a new matcher and swaps it in whole, so a lookup
 * never sees half a refresh. Lookups allocate nothing beyond parsing the text (none for IPv4).
 */
public final class IocMatcher {
    /** A feed and the entries it contributes (already filtered as the feed wants). */
    public record Source(FeedDefinition feed, List<FeedEntry> entries) {
        public Source {
            entries = List.copyOf(entries);
        }
    }

    /** Label bits in an IPv4 edge key: position (33 bits) << 30 | label << 1 | start bit. */
    private static final int LABEL_BITS = 29;

    /** Matches nothing. */
    public static final IocMatcher EMPTY = build(List.of());

    private final List<List<Listing>> sets;
    private final V4Table v4;
    private final V6Table v6;
    private final int entries;

    private IocMatcher(List<List<Listing>> sets, V4Table v4, V6Table v6, int entries) {
        this.sets = sets;
        this.v4 = v4;
        this.v6 = v6;
        this.entries = entries;
    }

    /** Builds a matcher; a source listed twice counts twice. */
    public static IocMatcher build(List<Source> sources) {
        Labels labels = new Labels();
        int count4 = 0;
        int count6 = 0;
        for (Source s : sources) {
            for (FeedEntry e : s.entries()) {
                if (e.network().ipv6()) {
                    count6++;
                } else {
                    count4++;
                }
            }
        }
        long[] keys4 = new long[2 * count4];
        V6Edges edges6 = new V6Edges(2 * count6);
        int n4 = 0;
        for (Source s : sources) {
            for (FeedEntry e : s.entries()) {
                int label = labels.id(s.feed(), e.context());
                Cidr n = e.network();
                if (n.ipv6()) {
                    edges6.add(n, label);
                } else {
                    keys4[n4++] = n.lo() << 30 | (long) label << 1 | 1;
                    keys4[n4++] = (n.lastLo() + 1) << 30 | (long) label << 1; // at most 2^32: fits
                }
            }
        }
        Interner sets = new Interner(labels.listings);
        V4Table t4 = V4Table.sweep(keys4, new Active(labels.listings.size(), sets));
        keys4 = null; // let the sort buffer go before the IPv6 one is sorted
        V6Table t6 = edges6.sweep(new Active(labels.listings.size(), sets));
        return new IocMatcher(List.copyOf(sets.sets), t4, t6, count4 + count6);
    }

    /** The listings of an address given as text; empty when it is not an address or not listed. */
    public List<Listing> match(String ip) {
        if (ip == null) {
            return List.of();
        }
        long v4 = Cidr.parseIpv4(ip);
        if (v4 >= 0) {
            return sets.get(this.v4.find(v4));
        }
        Optional<Cidr> address = Cidr.address(ip);
        return address.isPresent() ? match(address.get()) : List.of();
    }

    /**
     * The listings of an IPv4 address given as its unsigned 32-bit value ({@link Cidr#parseIpv4});
     * empty for a value outside 0 to 2^32 - 1.
     */
    public List<Listing> matchIpv4(long address) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            return List.of();
        }
        return sets.get(v4.find(address));
    }

    /** The listings of one address (a full-length {@link Cidr}); for a wider network, of its first address. */
    public List<Listing> match(Cidr address) {
        return sets.get(address.ipv6() ? v6.find(address.hi(), address.lo()) : v4.find(address.lo()));
    }

    /** Entries across all sources, counting duplicates. */
    public int entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries == 0;
    }

    /** Disjoint ranges held, both families: the size of the search tables. */
    public int ranges() {
        return v4.set.length + v6.set.length;
    }

    /**
     * IPv4 range starts (unsigned, in an {@code int}) in ascending order, the listing set of each
     * range, and for each /16 the index of its first range start ({@code bucket[65536]} is the
     * number of ranges).
     */
    private record V4Table(int[] start, int[] set, int[] bucket) {
        /** The set of the last range starting at or below the address; 0 (nothing) before the first. */
        int find(long address) {
            int b = (int) (address >>> 16);
            int low = bucket[b];
            int high = bucket[b + 1] - 1;
            int found = low - 1; // the last range of an earlier /16, if no range of this one starts at or below
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if ((start[mid] & 0xFFFF_FFFFL) <= address) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found < 0 ? 0 : set[found];
        }

        static V4Table sweep(long[] keys, Active active) {
            Arrays.sort(keys);
            int[] start = new int[keys.length];
            int[] set = new int[keys.length];
            int n = 0;
            int previous = 0;
            for (int i = 0; i < keys.length; ) {
                long position = keys[i] >>> 30;
                int j = i;
                for (; j < keys.length && keys[j] >>> 30 == position; j++) {
                    active.apply((int) (keys[j] >>> 1) & ((1 << LABEL_BITS) - 1), (keys[j] & 1) != 0);
                }
                int current = active.id();
                // Nothing starts at 2^32: every network has ended there.
                if (current != previous && position <= 0xFFFF_FFFFL) {
                    start[n] = (int) position;
                    set[n++] = current;
                    previous = current;
                }
                i = j;
            }
            int[] bucket = new int[(1 << 16) + 1];
            int r = 0;
            for (int b = 0; b <= 1 << 16; b++) {
                while (r < n && (start[r] >>> 16) < b) {
                    r++;
                }
                bucket[b] = r;
            }
            return new V4Table(Arrays.copyOf(start, n), Arrays.copyOf(set, n), bucket);
        }
    }

    /** IPv6 range starts in ascending unsigned order and the listing set of each range. */
    private record V6Table(long[] hi, long[] lo, int[] set) {
        /** The set of the last range starting at or below the address; 0 (nothing) before the first. */
        int find(long h, long l) {
            int low = 0;
            int high = set.length - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Long.compareUnsigned(hi[mid], h);
                if (c == 0) {
                    c = Long.compareUnsigned(lo[mid], l);
                }
                if (c <= 0) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found < 0 ? 0 : set[found];
        }
    }

    /**
     * IPv6 range starts (+1) and ends (-1) in parallel primitive arrays: position as two longs with
     * the sign bit flipped (so signed order is unsigned order), and label << 1 | start bit.
     */
    private static final class V6Edges {
        private final long[] hi;
        private final long[] lo;
        private final int[] tag;
        private int n;

        V6Edges(int capacity) {
            hi = new long[capacity];
            lo = new long[capacity];
            tag = new int[capacity];
        }

        void add(Cidr c, int label) {
            put(c.hi(), c.lo(), label << 1 | 1);
            long lastHi = c.lastHi();
            long lastLo = c.lastLo();
            if (lastLo != -1L) {
                put(lastHi, lastLo + 1, label << 1);
            } else if (lastHi != -1L) {
                put(lastHi + 1, 0, label << 1);
            }
            // A network reaching the top of the IPv6 space has no end edge: it runs to the end.
        }

        private void put(long h, long l, int t) {
            hi[n] = h ^ Long.MIN_VALUE;
            lo[n] = l ^ Long.MIN_VALUE;
            tag[n++] = t;
        }

        V6Table sweep(Active active) {
            sort(0, n - 1);
            long[] startHi = new long[n];
            long[] startLo = new long[n];
            int[] set = new int[n];
            int m = 0;
            int previous = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                for (; j < n && hi[j] == hi[i] && lo[j] == lo[i]; j++) {
                    active.apply(tag[j] >>> 1, (tag[j] & 1) != 0);
                }
                int current = active.id();
                if (current != previous) {
                    startHi[m] = hi[i] ^ Long.MIN_VALUE;
                    startLo[m] = lo[i] ^ Long.MIN_VALUE;
                    set[m++] = current;
                    previous = current;
                }
                i = j;
            }
            return new V6Table(Arrays.copyOf(startHi, m), Arrays.copyOf(startLo, m), Arrays.copyOf(set, m));
        }

        /** Three-way quicksort by position (equal positions gather in the middle, so duplicates cost nothing). */
        private void sort(int from, int to) {
            while (to - from > 16) {
                int mid = (from + to) >>> 1;
                // Median of three as the pivot.
                if (less(mid, from)) {
                    swap(mid, from);
                }
                if (less(to, from)) {
                    swap(to, from);
                }
                if (less(to, mid)) {
                    swap(to, mid);
                }
                long ph = hi[mid];
                long pl = lo[mid];
                int lt = from;
                int gt = to;
                int i = from;
                while (i <= gt) {
                    int c = compare(i, ph, pl);
                    if (c < 0) {
                        swap(lt++, i++);
                    } else if (c > 0) {
                        swap(i, gt--);
                    } else {
                        i++;
                    }
                }
                // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
                if (lt - from < to - gt) {
                    sort(from, lt - 1);
                    from = gt + 1;
                } else {
                    sort(gt + 1, to);
                    to = lt - 1;
                }
            }
            for (int i = from + 1; i <= to; i++) {
                for (int j = i; j > from && less(j, j - 1); j--) {
                    swap(j, j - 1);
                }
            }
        }

        private int compare(int i, long h, long l) {
            int c = Long.compare(hi[i], h);
            return c != 0 ? c : Long.compare(lo[i], l);
        }

        private boolean less(int i, int j) {
            return compare(i, hi[j], lo[j]) < 0;
        }

        private void swap(int i, int j) {
            long h = hi[i];
            hi[i] = hi[j];
            hi[j] = h;
            long l = lo[i];
            lo[i] = lo[j];
            lo[j] = l;
            int t = tag[i];
            tag[i] = tag[j];
            tag[j] = t;
        }
    }

    /** The labels covering the sweep's position: a count per label, and the interned id of the set. */
    private static final class Active {
        private final int[] counts;
        private final TreeSet<Integer> labels = new TreeSet<>();
        private final int[] single;
        private final Interner sets;

        Active(int labelCount, Interner sets) {
            this.counts = new int[labelCount];
            this.single = new int[labelCount];
            this.sets = sets;
        }

        void apply(int label, boolean start) {
            counts[label] += start ? 1 : -1;
            if (counts[label] == 0) {
                labels.remove(label);
            } else {
                labels.add(label);
            }
        }

        /** The id of the current set; one label alone (the common case) is a lookup in an array. */
        int id() {
            if (labels.isEmpty()) {
                return 0;
            }
            if (labels.size() == 1) {
                int label = labels.first();
                if (single[label] == 0) {
                    single[label] = sets.id(labels);
                }
                return single[label];
            }
            return sets.id(labels);
        }
    }

    /** One id per (feed, context): the unit a listing set is made of. */
    private static final class Labels {
        final List<Listing> listings = new ArrayList<>();
        private final Map<List<Object>, Integer> ids = new HashMap<>();

        int id(FeedDefinition feed, String entryContext) {
            String context = entryContext == null ? feed.context() : entryContext;
            return ids.computeIfAbsent(List.of(feed.name(), context), k -> {
                if (listings.size() >= 1 << LABEL_BITS) {
                    throw new IllegalArgumentException("more than 2^" + LABEL_BITS + " distinct feed contexts");
                }
                listings.add(new Listing(feed.name(), context, feed.severity(), feed.confidence()));
                return listings.size() - 1;
            });
        }
    }

    /** Interns sets of labels as immutable listing lists, most severe first; id 0 is the empty set. */
    private static final class Interner {
        final List<List<Listing>> sets = new ArrayList<>();
        private final Map<List<Integer>, Integer> ids = new HashMap<>();
        private final List<Listing> listings;

        Interner(List<Listing> listings) {
            this.listings = listings;
            sets.add(List.of());
            ids.put(List.of(), 0);
        }

        int id(TreeSet<Integer> active) {
            List<Integer> key = List.copyOf(active);
            Integer id = ids.get(key);
            if (id != null) {
                return id;
            }
            List<Listing> set = new ArrayList<>(key.size());
            key.forEach(label -> set.add(listings.get(label)));
            set.sort(Comparator.comparing(Listing::severity).reversed());
            sets.add(List.copyOf(set));
            ids.put(key, sets.size() - 1);
            return sets.size() - 1;
        }
    }
}
