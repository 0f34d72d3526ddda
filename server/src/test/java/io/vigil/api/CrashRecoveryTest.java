package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ingests from several clients while the test kills it with SIGKILL at a random
 * moment; after a restart on the same data every acknowledged event is found exactly once.
 */
class CrashRecoveryTest {
    private static final int BATCH = 200;

    @TempDir
    Path dir;

    @Test
    void acknowledgedEventsSurviveKillMinus9ExactlyOnce() throws Exception {
        Path data = dir.resolve("data");
        Path portFile = dir.resolve("port");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashTarget.class.getName(), data.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(portFile)) {
            assertThat(child.isAlive()).as("child started: %s", Files.exists(dir.resolve("child.log"))
                    ? Files.readString(dir.resolve("child.log")) : "").isTrue();
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
        URI ingest = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim() + "/api/v1/ingest?type=nginx");

        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int clientId = c;
            pool.submit(() -> {
                for (int b = 0; !killed.get(); b++) {
                    String batch = clientId + "-" + b;
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < BATCH; i++) {
                        body.append("198.51.100.").append(clientId + 1).append(" - - [27/Nov/2026:10:")
                                .append(String.format("%02d", i % 60)).append(":00 +0000] \"GET /crash/")
                                .append(batch).append('/').append(i).append(" HTTP/1.1\" 200 5 \"-\" \"crash-test\"\n");
                    }
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(ingest)
                                .header("Authorization", "Bearer " + TestServer.INGEST)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().contains("\"accepted\":" + BATCH)) {
                            acknowledged.put(batch, BATCH);
                        }
                    } catch (Exception connectionLost) {
                        return null;
                    }
                }
                return null;
            });
        }
        // Kill at a random moment once ingest is under way (start-up speed varies with machine load).
        long started = System.currentTimeMillis();
        while (acknowledged.size() < 2 && System.currentTimeMillis() - started < 60_000) {
            Thread.sleep(20);
        }
        Thread.sleep(200 + new Random().nextInt(2500));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final commit
        killed.set(true);
        child.waitFor(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("batches acknowledged before the kill").isNotEmpty();

        try (TestServer restarted = new TestServer(data)) {
            JsonNode all = restarted.post("/api/v1/search", """
                    {"q": "url.path:\\\\/crash\\\\/*", "size": 0, "aggs": {"distinct": {"cardinality": {"field": "url.original"}}}}""");
            long total = all.get("total").asLong();
            long distinct = all.at("/aggregations/distinct/value").asLong();
            assertThat(total).as("no event stored twice").isEqualTo(distinct);
            assertThat(total).isGreaterThanOrEqualTo((long) acknowledged.size() * BATCH);
            List<String> missing = new ArrayList<>();
            for (String batch : acknowledged.keySet()) {
                long found = restarted.search("url.path:\\/crash\\/" + batch + "\\/*").get("total").asLong();
                if (found != BATCH) {
                    missing.add(batch + " has " + found);
                }
            }
            assertThat(missing).as("acknowledged batches not found exactly once").isEmpty();
        }
    }
}
