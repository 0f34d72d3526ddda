package io.vigil.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Cidr;
import io.vigil.rules.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IocMatcherTest {
    static FeedDefinition feed(String name, String context, Severity severity) {
        return new FeedDefinition(name, null, "plain", true, Duration.ofHours(1), context, severity, 80, Map.of(), "");
    }

    private static FeedEntry entry(String cidr) {
        return FeedEntry.of(Cidr.parse(cidr).orElseThrow());
    }

    private static Set<String> feeds(List<Listing> listings) {
        return listings.stream().map(Listing::feed).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void matchesExactAddressesAndNetworksOfBothFamiliesAcrossFeeds() {
        IocMatcher m = IocMatcher.build(List.of(
                new IocMatcher.Source(feed("drop", "Hijacked Network", Severity.HIGH),
                        List.of(entry("198.51.100.0/24"), entry("2001:db8::/32"))),
                new IocMatcher.Source(feed("ssh", "Attacking Host", Severity.MEDIUM),
                        List.of(entry("198.51.100.7"), entry("203.0.113.9"), entry("2001:db8::66")))));
        assertThat(feeds(m.match("198.51.100.7"))).containsExactly("drop", "ssh");
        assertThat(m.match("198.51.100.7").get(0).severity()).as("most severe first").isEqualTo(Severity.HIGH);
        assertThat(feeds(m.match("198.51.100.8"))).containsExactly("drop");
        assertThat(feeds(m.match("198.51.100.255"))).containsExactly("drop");
        assertThat(m.match("198.51.101.0")).isEmpty();
        assertThat(feeds(m.match("203.0.113.9"))).containsExactly("ssh");
        assertThat(m.match("203.0.113.10")).isEmpty();
        assertThat(feeds(m.match("2001:DB8::66"))).containsExactly("drop", "ssh");
        assertThat(feeds(m.match("::ffff:198.51.100.7"))).containsExactly("drop", "ssh");
        assertThat(m.match("2001:db9::")).isEmpty();
        assertThat(m.match("not an ip")).isEmpty();
        assertThat(m.entries()).isEqualTo(5);
    }

    @Test
    void keepsPerEntryContextsAndTheEdgesOfTheAddressSpace() {
        IocMatcher m = IocMatcher.build(List.of(new IocMatcher.Source(feed("av", "Malicious Host", Severity.MEDIUM), List.of(
                new FeedEntry(Cidr.parse("192.0.2.1").orElseThrow(), "Scanning Host"), entry("192.0.2.2"),
                entry("255.255.255.255"), entry("0.0.0.0"), entry("ffff::/16"), entry("::/128")))));
        assertThat(m.match("192.0.2.1")).extracting(Listing::context).containsExactly("Scanning Host");
        assertThat(m.match("192.0.2.2")).extracting(Listing::context).containsExactly("Malicious Host");
        assertThat(m.match("255.255.255.255")).hasSize(1);
        assertThat(m.match("0.0.0.0")).hasSize(1);
        assertThat(m.match("0.0.0.1")).isEmpty();
        assertThat(m.match("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).hasSize(1);
        assertThat(m.match("fffe::1")).isEmpty();
        assertThat(m.match("::")).hasSize(1);
        assertThat(m.match("::2")).isEmpty();
    }

    @Test
    void agreesWithABruteForceScanOnRandomOverlappingNetworks() {
        Random r = new Random(42);
        List<IocMatcher.Source> sources = new ArrayList<>();
        List<List<Cidr>> lists = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            List<FeedEntry> entries = new ArrayList<>();
            List<Cidr> nets = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                // A small address space (10.0.0.0/16, 2001:db8::/112) so that networks overlap often.
                Cidr c = r.nextBoolean()
                        ? new Cidr(false, 0, 0x0A00_0000L | r.nextInt(1 << 16), 16 + r.nextInt(17))
                        : new Cidr(true, 0x2001_0db8_0000_0000L, r.nextInt(1 << 16), 112 + r.nextInt(17));
                entries.add(FeedEntry.of(c));
                nets.add(c);
            }
            sources.add(new IocMatcher.Source(feed("f" + f, "c", Severity.values()[f]), entries));
            lists.add(nets);
        }
        IocMatcher m = IocMatcher.build(sources);
        for (int i = 0; i < 20_000; i++) {
            Cidr probe = r.nextBoolean() ? new Cidr(false, 0, 0x0A00_0000L | r.nextInt(1 << 16), 32)
                    : new Cidr(true, 0x2001_0db8_0000_0000L, r.nextInt(1 << 16), 128);
            Set<String> expected = new TreeSet<>();
            for (int f = 0; f < lists.size(); f++) {
                for (Cidr c : lists.get(f)) {
                    if (c.contains(probe)) {
                        expected.add("f" + f);
                    }
                }
            }
            assertThat(feeds(m.match(probe))).as(probe.toString()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithABruteForceScanAcrossTheWholeIpv4SpaceAndItsBoundaries() {
        Random r = new Random(7);
        List<IocMatcher.Source> sources = new ArrayList<>();
        List<List<Cidr>> lists = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<FeedEntry> entries = new ArrayList<>();
            List<Cidr> nets = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                // Any prefix from /4 to /32 anywhere: networks span many /16 index buckets, or none.
                Cidr c = new Cidr(false, 0, r.nextInt() & 0xFFFF_FFFFL, 4 + r.nextInt(29));
                entries.add(FeedEntry.of(c));
                nets.add(c);
            }
            sources.add(new IocMatcher.Source(feed("f" + f, "c", Severity.values()[f]), entries));
            lists.add(nets);
        }
        sources.add(new IocMatcher.Source(feed("edges", "c", Severity.LOW),
                List.of(entry("0.0.0.0"), entry("255.255.255.255"), entry("255.255.0.0/16"))));
        lists.add(List.of(Cidr.parse("0.0.0.0").orElseThrow(), Cidr.parse("255.255.255.255").orElseThrow(),
                Cidr.parse("255.255.0.0/16").orElseThrow()));
        IocMatcher m = IocMatcher.build(sources);
        List<Long> probes = new ArrayList<>(List.of(0L, 1L, 0xFFFF_FFFFL, 0xFFFF_FFFEL, 0xFFFE_FFFFL));
        for (List<Cidr> nets : lists) {
            for (Cidr c : nets) {
                // Both ends of every network and the addresses just outside: the range boundaries.
                probes.add(c.lo());
                probes.add(c.lastLo());
                probes.add((c.lo() - 1) & 0xFFFF_FFFFL);
                probes.add((c.lastLo() + 1) & 0xFFFF_FFFFL);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            probes.add(r.nextInt() & 0xFFFF_FFFFL);
            probes.add((long) r.nextInt(1 << 16) << 16); // the first address of a /16 bucket
        }
        for (long a : probes) {
            Cidr probe = new Cidr(false, 0, a, 32);
            Set<String> expected = new TreeSet<>();
            for (int f = 0; f < lists.size(); f++) {
                for (Cidr c : lists.get(f)) {
                    if (c.contains(probe)) {
                        expected.add(f < 3 ? "f" + f : "edges");
                    }
                }
            }
            assertThat(feeds(m.match(probe))).as(probe.toString()).isEqualTo(expected);
            assertThat(feeds(m.matchIpv4(a))).as(probe.toString()).isEqualTo(expected);
            assertThat(feeds(m.match(probe.toString()))).as(probe.toString()).isEqualTo(expected);
        }
        assertThat(m.matchIpv4(-1)).isEmpty();
        assertThat(m.matchIpv4(1L << 32)).isEmpty();
    }

    /** Measures lookups per second on the real snapshots (about 200,000 entries); prints the figure. */
    @Test
    void benchmarkLookupsPerSecondOnRealFeeds() {
        Instant now = Instant.now();
        List<IocMatcher.Source> sources = new ArrayList<>();
        String[][] files = {{"firehol_level1", "netset", "firehol-ipsets/firehol_level1.netset"},
            {"spamhaus_drop", "netset", "firehol-ipsets/spamhaus_drop.netset"},
            {"blocklist_de", "plain", "firehol-ipsets/blocklist_de_apache.ipset"},
            {"alienvault", "alienvault", "alienvault-reputation/reputation.data"}};
        for (String[] f : files) {
            FeedDefinition def = feed(f[0], "Malicious Host", Severity.MEDIUM);
            FeedContent c = FeedFormats.parser(f[1], Map.of()).parse(FeedSnapshots.read(f[2]), now).withoutReserved().content();
            sources.add(new IocMatcher.Source(def, c.entries()));
        }
        FeedContent ipsum = FeedFormats.parser("csv", Map.of("delimiter", "tab")).parse(FeedSnapshots.read("ipsum/ipsum.txt"), now);
        sources.add(new IocMatcher.Source(feed("ipsum", "Malicious Host", Severity.MEDIUM), ipsum.entries()));
        long buildStart = System.nanoTime();
        IocMatcher m = IocMatcher.build(sources);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

        Random r = new Random(7);
        String[] probes = new String[1 << 16];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        }
        Cidr listed = ipsum.entries().get(0).network();
        assertThat(m.match(listed)).isNotEmpty();
        long hits = 0;
        for (int round = 0; round < 3; round++) { // warm up, then measure the last round
            hits = 0;
            long start = System.nanoTime();
            int n = 2_000_000;
            for (int i = 0; i < n; i++) {
                hits += m.match(probes[i & (probes.length - 1)]).size();
            }
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            if (round == 2) {
                System.out.printf("IocMatcher: %,d entries, %,d ranges, built in %d ms; %,.0f lookups/s (text addresses, one thread)%n",
                        m.entries(), m.ranges(), buildMillis, perSecond);
                assertThat(perSecond).as("lookups per second").isGreaterThan(500_000);
            }
        }
        assertThat(hits).isPositive();
        assertThat(m.entries()).isGreaterThan(150_000);
    }
}
