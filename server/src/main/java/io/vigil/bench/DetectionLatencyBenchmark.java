package io.vigil.bench;

import io.vigil.detect.SecurityEvent;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * How long from a log line's arrival to its security event, under a steady ingest rate, on a whole
 * server with the built-in rules. Open loop: requests are sent on a fixed schedule (two clients,
 * {@code linesPerRequest} lines each), and latency is measured from the scheduled send time, so a
 * server that falls behind shows it (no coordinated omission). Each request carries one line that
 * the {@code web-ssrf-cloud-metadata} rule matches, from an address of its own, so every request
 * raises exactly one new security event; the listener on the detector timestamps it.
 */
final class DetectionLatencyBenchmark {
    private static final Map<String, String> ENV = Map.of("VIGIL_INGEST_TOKEN", "bench-ingest", "VIGIL_API_TOKEN", "bench-api");
    private static final String RULE = "web-ssrf-cloud-metadata";
    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final int CLIENTS = 2;

    private final Path dir;
    private final PrintStream out;

    DetectionLatencyBenchmark(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    /** Sends {@code rate} events/s for {@code duration}, in requests of {@code linesPerRequest} lines. */
    void run(double rate, Duration duration, int linesPerRequest) throws Exception {
        Path data = BenchSupport.fresh(dir.resolve("detection-latency"));
        VigilConfig config = VigilConfig.defaults().withDataDir(data).withHttp("127.0.0.1", 0);
        try (VigilServer server = VigilServer.start(config, ENV, new PrintStream(PrintStream.nullOutputStream()))) {
            Map<String, Long> scheduled = new ConcurrentHashMap<>();
            List<Long> detection = java.util.Collections.synchronizedList(new ArrayList<>());
            Runnable unsubscribe = server.detector().onNewSecurityEvent((SecurityEvent e) -> {
                long now = System.nanoTime();
                Long at = e.ruleId().equals(RULE) ? scheduled.get(String.valueOf(e.group().get("source.ip"))) : null;
                if (at != null) {
                    detection.add(now - at);
                }
            });
            long requests = Math.max(1, Math.round(rate * duration.toNanos() / 1e9 / linesPerRequest));
            long interval = Math.round(linesPerRequest / rate * 1e9); // between requests, over all clients
            long[] answered = new long[(int) requests];
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/ingest?type=nginx");
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long t0 = System.nanoTime() + Duration.ofMillis(200).toNanos();
            try {
                List<Future<Object>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int first = c;
                    clients.add(pool.submit(() -> {
                        SyntheticAccessLog log = new SyntheticAccessLog(900 + first, Instant.now().minus(Duration.ofMinutes(5)),
                                Duration.ofMinutes(5).toMillis(), requests * linesPerRequest);
                        for (int r = first; r < requests; r += CLIENTS) {
                            long at = t0 + r * interval;
                            while (System.nanoTime() < at) {
                                LockSupport.parkNanos(at - System.nanoTime());
                            }
                            String ip = "10." + (77 + r / 65_536) + "." + (r / 256 % 256) + "." + (r % 256);
                            StringBuilder body = new StringBuilder(linesPerRequest * 200);
                            for (int i = 1; i < linesPerRequest; i++) {
                                body.append(log.next()).append('\n');
                            }
                            body.append(ip).append(" - - [").append(NGINX_TIME.format(Instant.now()))
                                    .append("] \"GET /fetch?url=http://169.254.169.254/latest/meta-data/ HTTP/1.1\" 200 12 \"-\" \"curl/8.5.0\"\n");
                            scheduled.put(ip, at);
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer bench-ingest").header("Content-Type", "text/plain")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                throw new IOException("ingest answered " + answer.statusCode() + ": " + answer.body());
                            }
                            answered[r] = System.nanoTime() - at;
                        }
                        return null;
                    }));
                }
                for (Future<Object> f : clients) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            unsubscribe.run();
            long[] d = detection.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] a = answered.clone();
            Arrays.sort(a);
            out.printf("detection latency at %,.0f events/s offered (%,.0f achieved, %d lines per request, %d clients, %.0f s):%n",
                    rate, requests * linesPerRequest / seconds, linesPerRequest, CLIENTS, seconds);
            out.printf("  line scheduled -> security event raised: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d of %,d expected events)%n",
                    BenchSupport.pct(d, 50) / 1e6, BenchSupport.pct(d, 99) / 1e6, d.length == 0 ? 0 : d[d.length - 1] / 1e6, d.length, requests);
            out.printf("  request scheduled -> answered (durable, detected): p50 %.1f ms, p99 %.1f ms%n",
                    BenchSupport.pct(a, 50) / 1e6, BenchSupport.pct(a, 99) / 1e6);
            if (d.length != requests) {
                throw new IllegalStateException("expected " + requests + " security events, saw " + d.length);
            }
        }
    }
}
