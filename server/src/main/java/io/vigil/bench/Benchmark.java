package io.vigil.bench;

import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import io.vigil.query.Aggregation;
import io.vigil.query.DateMath;
import io.vigil.query.SearchRequest;
import io.vigil.query.Sort;
import io.vigil.query.TimeRange;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.store.lucene.LuceneEventStore;
import io.vigil.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, on this machine: (1) pipeline ingest of nginx lines (parse, write-ahead log with
 * fsync, index) in events/s; (2) the same through {@code POST /api/v1/ingest}; (3) search latency
 * p50/p99 over a store of many events for a term filter, a numeric range, a CIDR filter, a
 * phrase on {@code message}, and a 24 h {@code date_histogram} + {@code terms} on {@code source.ip};
 * (4) when asked, syslog TCP and {@code _bulk} end to end ({@link ShipperBenchmark}); (5) when asked,
 * threat intelligence at scale and the cost of enrichment ({@link IntelBench}, {@link EnrichmentBench}).
 */
public final class Benchmark {
    private static final int BATCH = 5_000;

    /**
     * What to run; {@code parsers} adds the single-core parser throughput section ({@link ParserBench});
     * {@code iocs} above 0 adds threat intelligence at scale ({@link IntelBench}) and the enrichment
     * cost on ingest ({@link EnrichmentBench}) with the feed snapshots under {@code sharedData}
     * and the GeoIP database {@code geoip} (each skipped with a message when absent).
     */
    public record Options(Path dir, long pipelineEvents, long httpEvents, long searchEvents, int queries,
                          int threads, boolean parsers, long syslogMessages, long bulkDocuments,
                          long detectionSeconds, double detectionRate, int detectionBatch, int iocs, Path sharedData,
                          Path geoip) {}

    private final Options options;
    private final PrintStream out;

    public Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        out.printf("vigil bench: %d cores, max heap %d MB, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        if (options.parsers()) {
            new ParserBench(ParserBench.Options.defaults(), out).run();
        }
        if (options.iocs() > 0) {
            new IntelBench(IntelBench.Options.defaults(options.iocs()), out).run();
            new EnrichmentBench(new EnrichmentBench.Options(500_000, 50_000, 5, options.sharedData(), options.geoip()), out)
                    .run();
        }
        if (options.pipelineEvents() > 0) {
            pipeline();
        }
        if (options.httpEvents() > 0) {
            http();
        }
        if (options.searchEvents() > 0) {
            search();
        }
        ShipperBenchmark shippers = new ShipperBenchmark(options.dir(), Math.max(2, options.threads() * 2), out);
        if (options.syslogMessages() > 0) {
            shippers.syslog(options.syslogMessages());
        }
        if (options.bulkDocuments() > 0) {
            shippers.bulk(options.bulkDocuments());
        }
        if (options.detectionSeconds() > 0) {
            new DetectionLatencyBenchmark(options.dir(), out)
                    .run(options.detectionRate(), Duration.ofSeconds(options.detectionSeconds()), options.detectionBatch());
        }
    }

    private void pipeline() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(1));
        double plain;
        double plainCpu;
        try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(fresh("pipeline")))) {
            IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), store, Clock.systemUTC(), 1 << 20);
            plain = load(pipeline, store, options.pipelineEvents(), start, Duration.ofDays(1).toMillis());
            plainCpu = lastCpuSecondsPerMillion;
            out.printf("pipeline ingest (parse + WAL fsync + index), %d threads: %,d events in batches of %d: %,.0f events/s;"
                            + " %.1f CPU-s per million events (%,.0f events per CPU-second)%n",
                    options.threads(), options.pipelineEvents(), BATCH, plain, plainCpu, 1e6 / plainCpu);
        }
        try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(fresh("pipeline-rules")));
             LuceneEventStore security = LuceneEventStore.open(LuceneStoreConfig.defaults(fresh("pipeline-security")))) {
            io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            io.vigil.server.Detector detector = new io.vigil.server.Detector(store, security, Clock.systemUTC(), metrics);
            java.util.Map<String, io.vigil.rules.Rule> pack = io.vigil.rules.RulePack.load();
            detector.setRules(List.copyOf(pack.values()));
            io.vigil.server.DetectingStore detecting = new io.vigil.server.DetectingStore(store, detector);
            IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), detecting, Clock.systemUTC(), 1 << 20);
            double withRules = load(pipeline, detecting, options.pipelineEvents(), start, Duration.ofDays(1).toMillis());
            io.micrometer.core.instrument.Timer timer = metrics.get("vigil.detection.latency").timer();
            security.refresh();
            double rulesCpu = lastCpuSecondsPerMillion;
            out.printf("pipeline ingest with all %d built-in rules: %,.0f events/s (%.0f%% of the rate without rules);"
                            + " %.1f CPU-s per million events (%.0f%% more CPU than without rules);"
                            + " detection per batch of %d: mean %.1f ms, max %.1f ms; %,d security events%n",
                    pack.size(), withRules, 100 * withRules / plain, rulesCpu, 100 * (rulesCpu / plainCpu - 1), BATCH,
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                    timer.max(java.util.concurrent.TimeUnit.MILLISECONDS), security.count());
        }
    }

    /** Loads events with {@code threads} writers; answers events per second. */
    private double load(IngestPipeline pipeline, io.vigil.store.EventStore store, long events, Instant start, long span)
            throws Exception {
        int threads = options.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long share = events / threads + (t < events % threads ? 1 : 0);
            int thread = t;
            futures.add(pool.submit(() -> {
                // Each thread covers the whole span so that all days receive writes concurrently.
                SyntheticAccessLog log = new SyntheticAccessLog(thread * 7919L + 1, start, span, share);
                List<String> lines = new ArrayList<>(BATCH);
                for (long i = 0; i < share; i++) {
                    lines.add(log.next());
                    if (lines.size() == BATCH || i == share - 1) {
                        List<Event> batch = pipeline.toEvents("nginx", lines);
                        store.append(batch);
                        long d = done.addAndGet(batch.size());
                        if (d / 1_000_000 != (d - batch.size()) / 1_000_000) {
                            out.printf("  ... %,d events%n", d);
                        }
                        lines.clear();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        lastCpuSecondsPerMillion = (processCpuNanos() - cpu0) / 1e9 / (events / 1e6);
        pool.shutdown();
        store.refresh();
        return events / seconds;
    }

    /**
     * CPU-seconds the whole process spent per million events in the last load: unlike the wall
     * rate it does not depend on what else the machine is running.
     */
    private double lastCpuSecondsPerMillion;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void http() throws Exception {
        Path dir = fresh("http");
        Map<String, String> env = Map.of("VIGIL_INGEST_TOKEN", "bench-ingest", "VIGIL_API_TOKEN", "bench-api");
        VigilConfig config = VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0);
        try (VigilServer server = VigilServer.start(config, env, new PrintStream(PrintStream.nullOutputStream()))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest?type=nginx");
            int clients = Math.max(2, options.threads() * 2);
            long per = options.httpEvents() / clients;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<long[]>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int seed = c;
                futures.add(pool.submit(() -> {
                    SyntheticAccessLog log = new SyntheticAccessLog(seed + 100, Instant.now().minus(Duration.ofHours(1)),
                            Duration.ofHours(1).toMillis(), per);
                    long accepted = 0;
                    List<Long> latencies = new ArrayList<>();
                    for (long sent = 0; sent < per; sent += BATCH) {
                        StringBuilder body = new StringBuilder(BATCH * 220);
                        for (int i = 0; i < Math.min(BATCH, per - sent); i++) {
                            body.append(log.next()).append('\n');
                        }
                        long s = System.nanoTime();
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer bench-ingest")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - s);
                        if (r.statusCode() != 200) {
                            throw new IOException("ingest answered " + r.statusCode() + ": " + r.body());
                        }
                        accepted += Long.parseLong(r.body().replaceAll(".*\"accepted\":(\\d+).*", "$1"));
                    }
                    long[] out = new long[latencies.size() + 1];
                    out[0] = accepted;
                    for (int i = 0; i < latencies.size(); i++) {
                        out[i + 1] = latencies.get(i);
                    }
                    return out;
                }));
            }
            long accepted = 0;
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                accepted += r[0];
                for (int i = 1; i < r.length; i++) {
                    latencies.add(r[i]);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            server.store().refresh();
            long stored = server.store().count();
            long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf("HTTP ingest, %d clients, %d lines per request: %,d accepted, %,d stored, %,.0f events/s;"
                            + " request latency p50 %.1f ms, p99 %.1f ms%n",
                    clients, BATCH, accepted, stored, accepted / seconds, BenchSupport.pct(lat, 50) / 1e6, BenchSupport.pct(lat, 99) / 1e6);
        }
    }

    private void search() throws Exception {
        Path dir = options.dir().resolve("search");
        Files.createDirectories(dir);
        try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir))) {
            long existing = store.count();
            Instant now = Instant.now();
            if (existing < options.searchEvents()) {
                out.printf("building a store of %,d events over the last 24 h in %s (reused by later runs) ...%n",
                        options.searchEvents(), dir);
                IngestPipeline pipeline = new IngestPipeline(ParserRegistry.builtIn(), store, Clock.systemUTC(), 1 << 20);
                double rate = load(pipeline, store, options.searchEvents() - existing,
                        now.minus(Duration.ofHours(24)), Duration.ofHours(24).toMillis());
                out.printf("  loaded at %,.0f events/s%n", rate);
                store.commit();
            }
            long total = store.count();
            out.printf("search latency over %,d stored events (%d runs each after %d warm-up runs, size 100, newest first):%n",
                    total, options.queries(), options.queries() / 5);
            Map<String, SearchRequest> queries = new LinkedHashMap<>();
            TimeRange all = TimeRange.ALL;
            queries.put("term filter         http.request.method:POST",
                    SearchRequest.of("http.request.method:POST", all, 100));
            queries.put("numeric range       http.response.status_code:[400 TO 499]",
                    SearchRequest.of("http.response.status_code:[400 TO 499]", all, 100));
            queries.put("CIDR filter         source.ip:\"185.220.100.0/22\"",
                    SearchRequest.of("source.ip:\"185.220.100.0/22\"", all, 100));
            queries.put("phrase on message   \"wp-login.php HTTP/1.1\"",
                    SearchRequest.of("\"wp-login.php HTTP/1.1\"", all, 100));
            Map<String, Aggregation> aggs = new LinkedHashMap<>();
            aggs.put("over_time", new Aggregation.DateHistogram("@timestamp", DateMath.duration("30m")));
            aggs.put("top_ips", new Aggregation.Terms("source.ip", 10));
            TimeRange day = TimeRange.parse("now-24h", "now", now);
            queries.put("24 h count only", new SearchRequest("", day, 0, Sort.NEWEST_FIRST, Map.of()));
            queries.put("24 h date_histogram(30m) only", new SearchRequest("", day, 0, Sort.NEWEST_FIRST,
                    Map.of("over_time", aggs.get("over_time"))));
            queries.put("24 h terms(source.ip) only", new SearchRequest("", day, 0, Sort.NEWEST_FIRST,
                    Map.of("top_ips", aggs.get("top_ips"))));
            queries.put("24 h date_histogram(30m) + terms(source.ip)",
                    new SearchRequest("", day, 0, Sort.NEWEST_FIRST, aggs));
            for (Map.Entry<String, SearchRequest> q : queries.entrySet()) {
                long[] lat = time(store, q.getValue());
                long hits = store.search(q.getValue()).total();
                out.printf("  %-58s hits %,11d   p50 %7.1f ms   p99 %7.1f ms%n", q.getKey(), hits,
                        BenchSupport.pct(lat, 50) / 1e6, BenchSupport.pct(lat, 99) / 1e6);
            }
        }
    }

    private long[] time(LuceneEventStore store, SearchRequest request) throws IOException {
        for (int i = 0; i < options.queries() / 5; i++) {
            store.search(request);
        }
        long[] lat = new long[options.queries()];
        for (int i = 0; i < lat.length; i++) {
            long s = System.nanoTime();
            store.search(request);
            lat[i] = System.nanoTime() - s;
        }
        Arrays.sort(lat);
        return lat;
    }

    private Path fresh(String name) throws IOException {
        return BenchSupport.fresh(options.dir().resolve(name));
    }
}
