package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.syslog.SyslogNg;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * syslog-ng 3.38's {@code elasticsearch-http()} destination (the SCL block over its http module,
 * {@code application/x-ndjson}, Basic authentication) against Vigil's Elasticsearch-compatible
 * {@code _bulk}, sending real nginx access lines. Skipped when there is no syslog-ng (see
 * {@link SyslogNg}).
 */
class SyslogNgElasticTest {
    static final int LINES = 500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void elasticsearchHttpDestinationStoresEveryLineOnce() throws Exception {
        Optional<SyslogNg> syslogNg = SyslogNg.find();
        assumeTrue(syslogNg.isPresent(), "no syslog-ng: install it, set VIGIL_SYSLOG_NG_ROOT to its unpacked .debs,"
                + " or let apt-get download them");
        List<String> lines;
        try (InputStream in = SyslogNgElasticTest.class.getResourceAsStream("/ingest/apache_logs.log")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(LINES).toList();
        }
        Path work = Files.createDirectories(dir.resolve("syslog-ng"));
        Path access = Files.write(work.resolve("access.log"), lines);
        try (TestServer vigil = new TestServer(dir.resolve("data"))) {
            hits(vigil, "*"); // first search before first append: see ElasticShippersTest
            String destination = "elasticsearch-http(url(\"http://127.0.0.1:" + vigil.server.port() + "/_bulk\")"
                    + " index(\"nginx-access\") type(\"\") user(\"elastic\") password(\"" + TestServer.INGEST + "\")"
                    + " batch-lines(100) workers(2)"
                    + " template(\"$(format-json --scope none @timestamp=${ISODATE} host.name=${HOST}"
                    + " process.name=${PROGRAM} message=${MESSAGE})\"))";
            Path conf = syslogNg.get().config(Map.of("nginx", access), destination, work);
            Process p = syslogNg.get().command(conf, work).redirectErrorStream(true)
                    .redirectOutput(work.resolve("syslog-ng.log").toFile()).start();
            long stored = 0;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && p.isAlive() && stored < LINES) {
                    Thread.sleep(200);
                    vigil.server.store().refresh();
                    stored = hits(vigil, "labels.index:\"nginx-access\"").get("total").asLong();
                }
                Thread.sleep(300);
                vigil.server.store().refresh();
                stored = hits(vigil, "labels.index:\"nginx-access\"").get("total").asLong();
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            assertThat(stored).as(Files.readString(work.resolve("syslog-ng.log"))).isEqualTo(LINES);
            assertThat(hits(vigil, "labels.index:\"nginx-access\" AND event.dataset:nginx.access AND process.name:nginx"
                    + " AND _exists_:http.response.status_code AND NOT tags:_parse_failure").get("total").asLong()).isEqualTo(LINES);
            assertThat(hits(vigil, "source.ip:\"83.149.9.216\" AND url.original:\\/presentations*").get("total").asLong()).isPositive();
        }
    }

    private static JsonNode hits(TestServer vigil, String query) throws Exception {
        var r = vigil.searchRaw(query, "&size=0");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body());
    }
}
