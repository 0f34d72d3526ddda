package io.vigil.bench;

import io.vigil.event.EventJson;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.syslog.SyslogConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What shippers get end to end, on a whole server with detection on: syslog over TCP (messages/s)
 * and the Elasticsearch-compatible {@code _bulk} (documents/s), each measured from the first byte
 * sent until the store counts every event, and checked: the number stored must equal the number sent.
 * The lines are synthetic nginx access lines (nginx over syslog: the body is parsed as an access line).
 */
final class ShipperBenchmark {
    private static final Map<String, String> ENV = Map.of("VIGIL_INGEST_TOKEN", "bench-ingest", "VIGIL_API_TOKEN", "bench-api");
    private static final int BULK_DOCUMENTS_PER_REQUEST = 5_000;

    private final Path dir;
    private final int connections;
    private final PrintStream out;

    /** @param connections TCP connections (syslog) and concurrent requests (bulk) */
    ShipperBenchmark(Path dir, int connections, PrintStream out) {
        this.dir = dir;
        this.connections = connections;
        this.out = out;
    }

    /** Syslog over TCP, newline framing, {@code connections} senders at full speed. */
    void syslog(long messages) throws Exception {
        SyslogConfig syslog = SyslogConfig.disabled().withListeners(List.of(SyslogConfig.Listener.plain(0)));
        try (VigilServer server = start("syslog", syslog)) {
            int port = server.syslogPorts().get(0);
            long t0 = System.nanoTime();
            double sendSeconds = parallel(messages, (sender, count) -> {
                SyntheticAccessLog log = new SyntheticAccessLog(sender + 300, Instant.now().minus(Duration.ofHours(1)),
                        Duration.ofHours(1).toMillis(), count);
                String header = "<190>Nov 28 10:00:00 web-" + sender + " nginx: ";
                try (Socket socket = new Socket("127.0.0.1", port);
                     OutputStream o = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
                    for (long i = 0; i < count; i++) {
                        o.write((header + log.next() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            });
            long stored = awaitCount(server, messages);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("syslog TCP, %d connections: %,d sent, %,d stored, %,.0f messages/s end to end"
                            + " (senders done after %.1f s, all stored after %.1f s)%n",
                    connections, messages, stored, stored / seconds, sendSeconds, seconds);
            check(messages, stored);
        }
    }

    /** {@code POST /_bulk} with {@code connections} clients, 5,000 documents per request. */
    void bulk(long documents) throws Exception {
        try (VigilServer server = start("bulk", SyslogConfig.disabled())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/_bulk");
            long t0 = System.nanoTime();
            double sendSeconds = parallel(documents, (sender, count) -> {
                SyntheticAccessLog log = new SyntheticAccessLog(sender + 500, Instant.now().minus(Duration.ofHours(1)),
                        Duration.ofHours(1).toMillis(), count);
                for (long sent = 0; sent < count; sent += BULK_DOCUMENTS_PER_REQUEST) {
                    StringBuilder body = new StringBuilder();
                    for (long i = sent; i < Math.min(count, sent + BULK_DOCUMENTS_PER_REQUEST); i++) {
                        body.append("{\"create\":{\"_index\":\"nginx-access\"}}\n{\"message\":")
                                .append(EventJson.MAPPER.writeValueAsString(log.next())).append("}\n");
                    }
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer bench-ingest").header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || EventJson.MAPPER.readTree(r.body()).path("errors").asBoolean()) {
                        throw new IOException("_bulk answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
                    }
                }
            });
            long stored = awaitCount(server, documents);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf("_bulk, %d clients, %d documents per request: %,d sent, %,d stored, %,.0f documents/s end to end"
                            + " (all answered after %.1f s, all stored after %.1f s)%n",
                    connections, BULK_DOCUMENTS_PER_REQUEST, documents, stored, stored / seconds, sendSeconds, seconds);
            check(documents, stored);
        }
    }

    private VigilServer start(String name, SyslogConfig syslog) throws IOException {
        Path data = BenchSupport.fresh(dir.resolve("shipper-" + name));
        VigilConfig config = VigilConfig.defaults().withDataDir(data).withHttp("127.0.0.1", 0);
        return VigilServer.start(config, syslog, ENV, new PrintStream(PrintStream.nullOutputStream()));
    }

    /** One sender's work: send {@code count} events. */
    @FunctionalInterface
    private interface Sender {
        void send(int sender, long count) throws Exception;
    }

    /** Runs the senders over {@code total} events; answers the seconds until the last one finished. */
    private double parallel(long total, Sender sender) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long t0 = System.nanoTime();
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int id = c;
                long share = total / connections + (c < total % connections ? 1 : 0);
                futures.add(pool.submit(() -> {
                    sender.send(id, share);
                    return null;
                }));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** Polls until the store counts {@code expected} events (or nothing changed for 30 s). */
    private static long awaitCount(VigilServer server, long expected) throws IOException, InterruptedException {
        long count = -1;
        long lastChange = System.nanoTime();
        while (true) {
            server.store().refresh();
            long now = server.store().count();
            if (now != count) {
                count = now;
                lastChange = System.nanoTime();
            }
            if (count >= expected || System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos()) {
                return count;
            }
            Thread.sleep(20);
        }
    }

    private static void check(long sent, long stored) {
        if (sent != stored) {
            throw new IllegalStateException("sent " + sent + " but stored " + stored);
        }
    }
}
