package io.vigil.bench;

import io.vigil.enrich.Enricher;
import io.vigil.enrich.GeoIpEnricher;
import io.vigil.event.Cidr;
import io.vigil.event.Event;
import io.vigil.event.ReservedNetworks;
import io.vigil.ingest.IngestPipeline;
import io.vigil.intel.FeedCatalogue;
import io.vigil.intel.FeedContent;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.FeedEntry;
import io.vigil.intel.IntelEnricher;
import io.vigil.intel.IntelFields;
import io.vigil.intel.IocMatcher;
import io.vigil.parse.ParserRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What enrichment costs on ingest: nginx lines parsed and completed by the real
 * {@link IngestPipeline} ({@code toEvents}: parse, complete, enrich; no store, so the figure is
 * not diluted by indexing and fsync) on one thread, with no enricher, with threat intel from
 * every default-catalogue feed whose snapshot is available offline, with GeoIP (its LRU cache
 * warm), and with both. The configurations run interleaved, round after round, on the same lines;
 * the cost is 1 - rate / rate without enrichment, on the median rounds.
 *
 * <p>Client addresses repeat as a real site's do: a fixed pool of distinct public addresses drawn
 * with Zipf(1) frequencies, 2 % of the pool taken from the loaded feeds so some events match.
 * Target from the issue: threat intel costs at most 10 % of ingest throughput.
 */
public final class EnrichmentBench {
    static final double COST_TARGET = 10;

    /**
     * @param lines events per round and configuration
     * @param distinct distinct client addresses
     * @param rounds timed rounds after one warm-up round
     * @param snapshots the shared data folder ({@code ../shared/data}), or a missing path
     * @param geoip a MaxMind-format database, or a missing path to skip GeoIP
     */
    public record Options(int lines, int distinct, int rounds, Path snapshots, Path geoip) {}

    /** One configuration's median and best events per second. */
    public record Rate(String name, double median, double best) {}

    /**
     * @param feeds catalogue feeds loaded and their entries
     * @param matchedShare share of events that got {@code security.*} fields
     * @param geoUncached GeoIP lookups per second on addresses never seen (reader only), 0 when skipped
     * @param geoCached GeoIP lookups per second over the Zipf stream through the cache, 0 when skipped
     */
    public record Result(Map<String, Integer> feeds, List<Rate> rates, double matchedShare, double geoUncached,
                         double geoCached) {
        /** Percent of the unenriched rate a configuration loses; NaN when it did not run. */
        public double cost(String name) {
            double none = rates.get(0).median();
            return rates.stream().filter(r -> r.name().equals(name)).findFirst()
                    .map(r -> 100 * (1 - r.median() / none)).orElse(Double.NaN);
        }
    }

    /**
     * Catalogue feed name to the snapshot file(s) standing in for it, relative to the shared data
     * folder. FireHOL's copies of blocklist.de are per service; their union stands in for
     * {@code all.txt}. DShield is FireHOL's netset of the same block list, read as netset.
     */
    static final Map<String, List<String>> SNAPSHOTS = Map.of(
            "blocklist_de", List.of("firehol-ipsets/blocklist_de_apache.ipset", "firehol-ipsets/blocklist_de_bruteforce.ipset",
                    "firehol-ipsets/blocklist_de_ssh.ipset", "firehol-ipsets/blocklist_de_strongips.ipset"),
            "et_compromised", List.of("firehol-ipsets/et_compromised.ipset"),
            "spamhaus_drop", List.of("firehol-ipsets/spamhaus_drop.netset"),
            "tor_exit_nodes", List.of("firehol-ipsets/tor_exits.ipset"),
            "firehol_level1", List.of("firehol-ipsets/firehol_level1.netset"),
            "dshield", List.of("firehol-ipsets/dshield.netset"),
            "ipsum", List.of("ipsum/levels/3.txt"));

    private final Options options;
    private final PrintStream out;

    public EnrichmentBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws IOException {
        Map<String, Integer> loaded = new LinkedHashMap<>();
        List<Cidr> listed = new ArrayList<>();
        IocMatcher matcher = catalogue(loaded, listed);
        Optional<GeoIpEnricher> geo = Files.isRegularFile(options.geoip())
                ? GeoIpEnricher.open(new GeoIpEnricher.Databases(null, null, options.geoip())) : Optional.empty();
        try {
            return run(matcher, loaded, listed, geo);
        } finally {
            if (geo.isPresent()) {
                geo.get().close();
            }
        }
    }

    private Result run(IocMatcher matcher, Map<String, Integer> loaded, List<Cidr> listed, Optional<GeoIpEnricher> geo) {
        out.printf("enrichment cost on ingest (IngestPipeline.toEvents: parse + complete + enrich, no store), one thread,"
                + " %,d nginx lines per round over %,d distinct Zipf-distributed client addresses:%n", options.lines(),
                options.distinct());
        if (loaded.isEmpty()) {
            out.printf("  threat intel: no feed snapshot under %s; skipped%n", options.snapshots());
        } else {
            out.printf("  threat intel: %,d entries from the default catalogue, offline snapshots: %s%n",
                    matcher.entries(), loaded);
            List<String> missing = FeedCatalogue.defaults().values().stream()
                    .filter(f -> f.enabled() && !loaded.containsKey(f.name())).map(FeedDefinition::name).toList();
            out.printf("    not available offline (left out): %s; alienvault_reputation is disabled by default%n", missing);
        }
        if (geo.isEmpty()) {
            out.printf("  GeoIP: no database at %s (run .ci/fetch-geoip); skipped%n", options.geoip());
        }
        Cidr[] pool = pool(listed);
        List<String> lines = lines(pool);
        Map<String, List<Enricher>> configs = new LinkedHashMap<>();
        configs.put("none", List.of());
        IntelEnricher intel = new IntelEnricher(() -> matcher);
        if (!loaded.isEmpty()) {
            configs.put("threat intel", List.of(intel));
        }
        geo.ifPresent(g -> configs.put("GeoIP (cached)", List.of(g)));
        if (geo.isPresent() && !loaded.isEmpty()) {
            configs.put("GeoIP + threat intel", List.of(geo.get(), intel));
        }
        List<Rate> rates = interleave(configs, lines);
        double matched = matchedShare(configs.getOrDefault("threat intel", List.of()), lines);
        for (Rate r : rates) {
            double cost = 100 * (1 - r.median() / rates.get(0).median());
            out.printf("    %-22s %,10.0f events/s median, %,10.0f best; cost %5.1f%%%s%n", r.name(), r.median(), r.best(),
                    cost, r.name().equals("threat intel")
                            ? (cost <= COST_TARGET ? " (target <= 10%: met)" : " (target <= 10%: MISSED)") : "");
        }
        if (!loaded.isEmpty()) {
            out.printf("    %.2f%% of events matched a feed and got security.* fields%n", 100 * matched);
            endToEnd(configs, lines);
        }
        double uncached = 0;
        double cached = 0;
        if (geo.isPresent()) {
            uncached = geoUncached(pool);
            cached = geoCached(geo.get(), pool);
            out.printf("  GeoIP lookups, one thread: %,.0f/s uncached (each address once, fresh cache, after a warm-up);"
                    + " %,.0f/s through the warm cache over the Zipf stream%n", uncached, cached);
        }
        return new Result(loaded, rates, matched, uncached, cached);
    }

    /** The default catalogue's enabled feeds that have a snapshot here, parsed and filtered as the server does. */
    private IocMatcher catalogue(Map<String, Integer> loaded, List<Cidr> listed) {
        List<IocMatcher.Source> sources = new ArrayList<>();
        for (FeedDefinition feed : FeedCatalogue.defaults().values()) {
            List<String> files = SNAPSHOTS.get(feed.name());
            if (!feed.enabled() || files == null || !files.stream().allMatch(f -> Files.isRegularFile(options.snapshots().resolve(f)))) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            for (String f : files) {
                body.append(read(options.snapshots().resolve(f))).append('\n');
            }
            FeedDefinition read = feed.format().equals("csv") ? asNetset(feed) : feed;
            FeedContent content = read.parser().parse(body.toString(), Instant.now());
            if (feed.excludeReserved()) {
                content = content.withoutReserved().content();
            }
            sources.add(new IocMatcher.Source(feed, content.entries()));
            loaded.put(feed.name(), content.entries().size());
            content.entries().stream().map(FeedEntry::network).filter(n -> !n.ipv6() && n.isAddress()).forEach(listed::add);
        }
        return IocMatcher.build(sources);
    }

    private static FeedDefinition asNetset(FeedDefinition f) {
        return new FeedDefinition(f.name(), f.url(), "netset", f.enabled(), f.refresh(), f.context(), f.severity(),
                f.confidence(), Map.of(), f.description());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct public client addresses; every 50th (ranks 50, 100, ...) a listed IPv4 address from the feeds, when any is loaded. */
    private Cidr[] pool(List<Cidr> listed) {
        SplittableRandom random = new SplittableRandom(17);
        Cidr[] pool = new Cidr[options.distinct()];
        Set<Cidr> seen = new HashSet<>();
        int i = 0;
        while (i < pool.length) {
            Cidr a = i % 50 == 49 && !listed.isEmpty() ? listed.get(random.nextInt(listed.size()))
                    : new Cidr(false, 0, random.nextLong() & 0xFFFF_FFFFL, 32);
            if (ReservedNetworks.kindOf(a).isEmpty() && seen.add(a)) {
                pool[i++] = a;
            }
        }
        return pool;
    }

    /** Nginx lines whose client address is drawn Zipf(1) from the pool (rank 1 the most frequent). */
    private List<String> lines(Cidr[] pool) {
        double[] cdf = new double[pool.length];
        double sum = 0;
        for (int r = 0; r < pool.length; r++) {
            sum += 1.0 / (r + 1);
            cdf[r] = sum;
        }
        SplittableRandom random = new SplittableRandom(23);
        SyntheticAccessLog log = new SyntheticAccessLog(5, Instant.now().minus(Duration.ofHours(1)),
                Duration.ofHours(1).toMillis(), options.lines());
        List<String> lines = new ArrayList<>(options.lines());
        for (int i = 0; i < options.lines(); i++) {
            int rank = Arrays.binarySearch(cdf, random.nextDouble() * sum);
            Cidr ip = pool[rank < 0 ? Math.min(pool.length - 1, -rank - 1) : rank];
            String line = log.next();
            lines.add(ip + line.substring(line.indexOf(' ')));
        }
        return lines;
    }

    private List<Rate> interleave(Map<String, List<Enricher>> configs, List<String> lines) {
        Map<String, IngestPipeline> pipelines = new LinkedHashMap<>();
        // toEvents never touches the store: the figures are parse + enrich only.
        configs.forEach((name, enrichers) -> pipelines.put(name,
                new IngestPipeline(ParserRegistry.builtIn(), null, Clock.systemUTC(), 1 << 20, enrichers)));
        Map<String, double[]> rates = new LinkedHashMap<>();
        pipelines.keySet().forEach(n -> rates.put(n, new double[options.rounds()]));
        List<String> order = new ArrayList<>(pipelines.keySet());
        for (int round = -1; round < options.rounds(); round++) {
            for (String name : order) {
                double rate = rate(pipelines.get(name), lines);
                if (round >= 0) {
                    rates.get(name)[round] = rate;
                }
            }
            java.util.Collections.reverse(order); // ABBA: neither goes first every round
        }
        List<Rate> out = new ArrayList<>();
        rates.forEach((name, r) -> {
            Arrays.sort(r);
            out.add(new Rate(name, r[r.length / 2], r[r.length - 1]));
        });
        return out;
    }

    /**
     * The same configurations on the whole ingest path that {@code POST /api/v1/ingest} takes: parse,
     * enrich, write-ahead log (fsynced per batch) and Lucene indexing, into a fresh store per run;
     * one thread, 3 rounds interleaved, at most 200,000 lines per run.
     */
    private void endToEnd(Map<String, List<Enricher>> configs, List<String> lines) {
        List<String> sample = lines.subList(0, Math.min(lines.size(), 200_000));
        byte[] body = (String.join("\n", sample) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, double[]> rates = new LinkedHashMap<>();
        configs.keySet().forEach(n -> rates.put(n, new double[3]));
        List<String> order = new ArrayList<>(configs.keySet());
        try {
            for (int round = -1; round < 3; round++) {
                for (String name : order) {
                    Path dir = Files.createTempDirectory("vigil-enrich-e2e");
                    try (io.vigil.store.lucene.LuceneEventStore store = io.vigil.store.lucene.LuceneEventStore.open(
                            io.vigil.store.lucene.LuceneStoreConfig.defaults(dir))) {
                        IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), store, Clock.systemUTC(),
                                1 << 20, configs.get(name));
                        long start = System.nanoTime();
                        long accepted = pipeline.ingest("nginx", IngestPipeline.Format.LINES,
                                new java.io.ByteArrayInputStream(body)).accepted();
                        double rate = accepted / ((System.nanoTime() - start) / 1e9);
                        if (round >= 0) {
                            rates.get(name)[round] = rate;
                        }
                    } finally {
                        try (var walk = Files.walk(dir)) {
                            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                                Files.delete(p);
                            }
                        }
                    }
                }
                java.util.Collections.reverse(order);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.printf("  end to end (parse + enrich + WAL fsync + Lucene indexing, one thread, %,d lines, 3 rounds):%n", sample.size());
        double none = 0;
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            double[] r = e.getValue();
            Arrays.sort(r);
            double median = r[r.length / 2];
            none = none == 0 ? median : none;
            double cost = 100 * (1 - median / none);
            out.printf("    %-22s %,10.0f events/s median; cost %5.1f%%%s%n", e.getKey(), median, cost,
                    e.getKey().equals("threat intel") ? (cost <= COST_TARGET ? " (target <= 10%: met)" : " (target <= 10%: MISSED)") : "");
        }
    }

    private static double rate(IngestPipeline pipeline, List<String> lines) {
        long start = System.nanoTime();
        long events = 0;
        for (int i = 0; i < lines.size(); i += 5_000) {
            events += pipeline.toEvents("nginx", lines.subList(i, Math.min(lines.size(), i + 5_000))).size();
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static double matchedShare(List<Enricher> intel, List<String> lines) {
        if (intel.isEmpty()) {
            return 0;
        }
        List<Event> events = new IngestPipeline(ParserRegistry.builtIn(), null, Clock.systemUTC(), 1 << 20, intel)
                .toEvents("nginx", lines);
        return (double) events.stream().filter(e -> e.has(IntelFields.MALICIOUS_IP)).count() / events.size();
    }

    /** Lookups per second of addresses not in the cache: a fresh enricher, after another one warmed the code up. */
    private double geoUncached(Cidr[] pool) {
        GeoIpEnricher.Databases db = new GeoIpEnricher.Databases(null, null, options.geoip());
        try (GeoIpEnricher warm = GeoIpEnricher.open(db).orElseThrow();
             GeoIpEnricher fresh = GeoIpEnricher.open(db).orElseThrow()) {
            SplittableRandom random = new SplittableRandom(99);
            long sink = 0;
            for (int i = 0; i < 50_000; i++) {
                sink += warm.lookup(new Cidr(false, 0, random.nextLong() & 0xFFFF_FFFFL, 32).toString()).size();
            }
            String[] text = Arrays.stream(pool).map(Cidr::toString).toArray(String[]::new);
            long start = System.nanoTime();
            for (String t : text) {
                sink += fresh.lookup(t).size();
            }
            double rate = text.length / ((System.nanoTime() - start) / 1e9);
            return sink < 0 ? 0 : rate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double geoCached(GeoIpEnricher geo, Cidr[] pool) {
        List<String> addresses = lines(pool).stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
        long start = System.nanoTime();
        long sink = 0;
        for (String a : addresses) {
            sink += geo.lookup(a).size();
        }
        double rate = addresses.size() / ((System.nanoTime() - start) / 1e9);
        return sink < 0 ? 0 : rate;
    }
}
