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
 * <p>Immutable and thread-safe: a refresh builds a new matcher and swaps it in whole, so a lookup
 * never sees half a refresh. Lookups allocate nothing beyond parsing the text.
 */
public final class IocMatcher {
    /** A feed and the entries it contributes (already filtered as the feed wants). */
    public record Source(FeedDefinition feed, List<FeedEntry> entries) {
        public Source {
            entries = List.copyOf(entries);
        }
    }

    private static final Comparator<Edge> BY_POSITION = (a, b) -> {
        int c = Long.compareUnsigned(a.hi, b.hi);
        return c != 0 ? c : Long.compareUnsigned(a.lo, b.lo);
    };

    /** Matches nothing. */
    public static final IocMatcher EMPTY = build(List.of());

    private final List<List<Listing>> sets;
    private final Table v4;
    private final Table v6;
    private final int entries;

    private IocMatcher(List<List<Listing>> sets, Table v4, Table v6, int entries) {
        this.sets = sets;
        this.v4 = v4;
        this.v6 = v6;
        this.entries = entries;
    }

    /** Builds a matcher; a source listed twice counts twice. */
    public static IocMatcher build(List<Source> sources) {
        Labels labels = new Labels();
        List<Edge> v4 = new ArrayList<>();
        List<Edge> v6 = new ArrayList<>();
        int count = 0;
        for (Source s : sources) {
            for (FeedEntry e : s.entries()) {
                int label = labels.id(s.feed(), e.context());
                edges(e.network(), label, e.network().ipv6() ? v6 : v4);
                count++;
            }
        }
        Interner sets = new Interner(labels.listings);
        Table t4 = sweep(v4, labels.listings.size(), sets);
        Table t6 = sweep(v6, labels.listings.size(), sets);
        return new IocMatcher(List.copyOf(sets.sets), t4, t6, count);
    }

    /** The listings of an address given as text; empty when it is not an address or not listed. */
    public List<Listing> match(String ip) {
        if (ip == null) {
            return List.of();
        }
        long v4 = Cidr.parseIpv4(ip);
        if (v4 >= 0) {
            return sets.get(this.v4.find(0, v4));
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
        return sets.get(v4.find(0, address));
    }

    /** The listings of one address (a full-length {@link Cidr}); for a wider network, of its first address. */
    public List<Listing> match(Cidr address) {
        Table t = address.ipv6() ? v6 : v4;
        return sets.get(t.find(address.hi(), address.lo()));
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

    /** A range start (+1) or end (-1) of one label's coverage. */
    private record Edge(long hi, long lo, int label, int delta) {}

    private static void edges(Cidr n, int label, List<Edge> out) {
        out.add(new Edge(n.hi(), n.lo(), label, 1));
        long lastHi = n.lastHi();
        long lastLo = n.lastLo();
        if (!n.ipv6()) {
            out.add(new Edge(0, lastLo + 1, label, -1)); // at most 2^32: no overflow in a long
        } else if (lastLo != -1L) {
            out.add(new Edge(lastHi, lastLo + 1, label, -1));
        } else if (lastHi != -1L) {
            out.add(new Edge(lastHi + 1, 0, label, -1));
        }
        // A network reaching the top of the IPv6 space has no end edge: it runs to the end.
    }

    private static Table sweep(List<Edge> edges, int labelCount, Interner sets) {
        edges.sort(BY_POSITION);
        int[] counts = new int[labelCount];
        TreeSet<Integer> active = new TreeSet<>();
        long[] hi = new long[edges.size()];
        long[] lo = new long[edges.size()];
        int[] set = new int[edges.size()];
        int n = 0;
        int previous = 0;
        for (int i = 0; i < edges.size(); ) {
            Edge at = edges.get(i);
            int j = i;
            for (; j < edges.size() && BY_POSITION.compare(edges.get(j), at) == 0; j++) {
                Edge e = edges.get(j);
                counts[e.label] += e.delta;
                if (counts[e.label] == 0) {
                    active.remove(e.label);
                } else {
                    active.add(e.label);
                }
            }
            int current = sets.id(active);
            if (current != previous) {
                hi[n] = at.hi;
                lo[n] = at.lo;
                set[n++] = current;
                previous = current;
            }
            i = j;
        }
        return new Table(Arrays.copyOf(hi, n), Arrays.copyOf(lo, n), Arrays.copyOf(set, n));
    }

    /** Range starts in ascending unsigned order and the listing set of each range. */
    private record Table(long[] hi, long[] lo, int[] set) {
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

    /** One id per (feed, context): the unit a listing set is made of. */
    private static final class Labels {
        final List<Listing> listings = new ArrayList<>();
        private final Map<List<Object>, Integer> ids = new HashMap<>();

        int id(FeedDefinition feed, String entryContext) {
            String context = entryContext == null ? feed.context() : entryContext;
            return ids.computeIfAbsent(List.of(feed.name(), context), k -> {
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
