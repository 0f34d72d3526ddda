package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real shippers against a real server: Debian's {@code python3-elasticsearch} (7.17) and rsyslog's
 * {@code omelasticsearch}. Each test is skipped when its shipper is not installed.
 */
class ElasticShippersTest {
    static final int PYTHON_DOCS = 3_000;
    static final int RSYSLOG_LINES = 500;

    @TempDir
    Path dir;
    TestServer vigil;

    @BeforeEach
    void start() throws Exception {
        vigil = new TestServer(dir.resolve("data"));
    }

    @AfterEach
    void stop() throws Exception {
        vigil.close();
    }

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pythonClientBulkStoresEveryDocumentExactlyOnce() throws Exception {
        String python = pythonWithElasticsearch();
        assumeTrue(python != null, "python3-elasticsearch is not installed");
        Path script = copy("python_bulk.py", dir.resolve("python_bulk.py"));
        Process p = new ProcessBuilder(python, script.toString(), "http://127.0.0.1:" + vigil.server.port(),
                TestServer.INGEST, Integer.toString(PYTHON_DOCS))
                .redirectOutput(dir.resolve("py.out").toFile()).redirectError(dir.resolve("py.err").toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("py.err"))).isZero();
        List<String> out = Files.readAllLines(dir.resolve("py.out"));
        JsonNode summary = EventJson.MAPPER.readTree(out.get(out.size() - 1));
        assertThat(summary.get("version").asText()).isEqualTo("8.11.0");
        assertThat(summary.get("success").asInt()).isEqualTo(PYTHON_DOCS);
        assertThat(summary.get("errors")).isEmpty();
        assertThat(summary.get("single").asText()).isEqualTo("created");

        vigil.server.store().refresh();
        JsonNode all = hits("doc_id:d-*");
        assertThat(all.get("total").asLong()).isEqualTo(PYTHON_DOCS);
        Set<String> ids = new HashSet<>(all.get("hits").findValuesAsText("doc_id"));
        assertThat(ids).hasSize(PYTHON_DOCS);
        assertThat(hits("labels.index:\"nginx-py\" AND http.response.status_code:200 AND NOT tags:_parse_failure")
                .get("total").asLong()).isEqualTo(PYTHON_DOCS / 3);
        assertThat(hits("labels.index:pyshipper AND _exists_:n").get("total").asLong()).isEqualTo(PYTHON_DOCS * 2 / 3);
        assertThat(hits("doc_id:single").get("hits").get(0).get("_id").asText()).isEqualTo("single-1");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void rsyslogOmelasticsearchShipsEveryLine() throws Exception {
        Path rsyslogd = Path.of("/usr/sbin/rsyslogd");
        assumeTrue(Files.isExecutable(rsyslogd), "rsyslog is not installed");
        assumeTrue(hasModule("omelasticsearch.so"), "rsyslog-elasticsearch is not installed");
        Path work = Files.createDirectories(dir.resolve("rsyslog/work"));
        Path base = work.getParent();
        List<String> lines;
        try (InputStream in = ElasticShippersTest.class.getResourceAsStream("/ingest/apache_logs.log")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(RSYSLOG_LINES).toList();
        }
        Files.write(base.resolve("access.log"), lines);
        String conf = new String(resource("rsyslog.conf"), StandardCharsets.UTF_8)
                .replace("@DIR@", base.toString())
                .replace("@PORT@", Integer.toString(vigil.server.port()))
                .replace("@TOKEN@", TestServer.INGEST);
        Files.writeString(base.resolve("rsyslog.conf"), conf);
        // Search once before the first append: the first search and the first index creation of a
        // JVM, run at the same time, can deadlock in Lucene 9.12's class initialisation
        // (TestSecrets / ConcurrentMergeScheduler), and this test polls while rsyslog appends.
        hits("*");
        Process p = new ProcessBuilder(rsyslogd.toString(), "-n", "-f", base.resolve("rsyslog.conf").toString(),
                "-i", base.resolve("rsyslogd.pid").toString())
                .redirectOutput(base.resolve("out.log").toFile()).redirectError(base.resolve("err.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long stored = 0;
            while (System.nanoTime() < deadline && p.isAlive()) {
                vigil.server.store().refresh();
                stored = hits("labels.index:\"nginx-access\"").get("total").asLong();
                if (stored >= RSYSLOG_LINES) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(stored).as(diagnostics(base)).isEqualTo(RSYSLOG_LINES);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(hits("labels.index:\"nginx-access\" AND NOT tags:_parse_failure AND _exists_:http.response.status_code")
                .get("total").asLong()).isEqualTo(RSYSLOG_LINES);
        assertThat(hits("source.ip:\"83.149.9.216\" AND url.original:\\/presentations*").get("total").asLong()).isPositive();
    }

    private JsonNode hits(String query) throws Exception {
        var r = vigil.searchRaw(query, "&size=10000");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body());
    }

    /** Debian's python first: a pyenv or venv python usually lacks the package. */
    private static String pythonWithElasticsearch() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import elasticsearch")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        return null;
    }

    private static boolean hasModule(String name) throws IOException {
        Path lib = Path.of("/usr/lib");
        try (var files = Files.find(lib, 3, (path, attrs) -> path.getFileName().toString().equals(name))) {
            return files.findAny().isPresent();
        }
    }

    private static String diagnostics(Path base) throws IOException {
        StringBuilder b = new StringBuilder("rsyslog output:\n");
        for (String f : List.of("out.log", "err.log", "es-errors.json")) {
            File file = base.resolve(f).toFile();
            if (file.exists()) {
                b.append(f).append(":\n").append(Files.readString(file.toPath())).append('\n');
            }
        }
        return b.toString();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ElasticShippersTest.class.getResourceAsStream("/elastic/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Path copy(String name, Path target) throws IOException {
        Files.write(target, resource(name));
        return target;
    }
}
