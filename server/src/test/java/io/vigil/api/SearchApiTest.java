package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end: 10,000 real Apache combined lines sent over HTTP to a real server, then searched
 * with Lucene syntax and aggregated; every expected figure is computed here from the raw file,
 * independently of Vigil's parser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {
    java.nio.file.Path dir;
    TestServer vigil;
    List<String> lines;
    final Pattern line = Pattern.compile("^(\\S+) \\S+ \\S+ \\[[^]]+] \"(\\S+) ([^\" ]*)[^\"]*\" (\\d{3}) .*");

    @BeforeAll
    void ingestRealApacheLog() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("vigil-search-test");
        vigil = new TestServer(dir);
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/ingest/apache_logs.log")) {
            body = in.readAllBytes();
        }
        lines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        HttpResponse<String> r = vigil.ingest("nginx", "text/plain", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = EventJson.MAPPER.readTree(r.body());
        assertThat(answer.get("accepted").asLong() + answer.get("failed").asLong()).isEqualTo(lines.size());
        assertThat(answer.get("failed").asLong()).isZero();
        // Searchable within a second of the answer, without an explicit refresh.
        long deadline = System.currentTimeMillis() + 1000;
        while (vigil.search("*").get("total").asLong() < lines.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(vigil.search("*").get("total").asLong()).isEqualTo(lines.size());
    }

    @AfterAll
    void stop() throws Exception {
        vigil.close();
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private long expected(java.util.function.Predicate<Matcher> p) {
        return lines.stream().map(line::matcher).filter(Matcher::matches).filter(p).count();
    }

    private long total(String q) throws Exception {
        return vigil.search(q).get("total").asLong();
    }

    @Test
    void statusRangeIsNumeric() throws Exception {
        long clientErrors = expected(m -> m.group(4).startsWith("4"));
        assertThat(clientErrors).isPositive();
        assertThat(total("http.response.status_code:[400 TO 499]")).isEqualTo(clientErrors);
        assertThat(total("http.response.status_code:[200 TO 299] AND NOT http.response.status_code:200"))
                .isEqualTo(expected(m -> m.group(4).startsWith("2") && !m.group(4).equals("200")));
    }

    @Test
    void cidrMatchesAddressesInTheBlock() throws Exception {
        long in66 = expected(m -> m.group(1).startsWith("66."));
        assertThat(total("source.ip:\"66.0.0.0/8\"")).isEqualTo(in66);
        long in66249 = expected(m -> m.group(1).startsWith("66.249."));
        assertThat(total("source.ip:\"66.249.0.0/16\"")).isEqualTo(in66249).isPositive();
    }

    @Test
    void phraseWildcardAndExistsQueries() throws Exception {
        long favicon = lines.stream().filter(l -> l.contains("/favicon.ico")).count();
        assertThat(total("url.original:\"/favicon.ico\"")).isEqualTo(expected(m -> m.group(3).equals("/favicon.ico")));
        assertThat(total("\"favicon.ico\"")).isEqualTo(favicon);
        assertThat(total("url.original:\\/presentations\\/*")).isEqualTo(expected(m -> m.group(3).startsWith("/presentations/")));
        assertThat(total("url.original:*\\.xml")).isEqualTo(expected(m -> m.group(3).endsWith(".xml")));
        assertThat(total("_exists_:http.request.referrer")).isEqualTo(lines.stream().filter(l -> !l.contains("\"-\" \"")).count());
        assertThat(total("http.request.method:HEAD OR http.request.method:OPTIONS"))
                .isEqualTo(expected(m -> m.group(2).equals("HEAD") || m.group(2).equals("OPTIONS")));
    }

    @Test
    void aggregationsAgreeWithCountsFromTheFile() throws Exception {
        JsonNode r = vigil.post("/api/v1/search", """
                {"q": "*", "size": 0,
                 "aggs": {"per_hour": {"date_histogram": {"field": "@timestamp", "interval": "1h"}},
                          "top_ips": {"terms": {"field": "source.ip", "size": 5}},
                          "statuses": {"terms": {"field": "http.response.status_code", "size": 20}},
                          "ips": {"cardinality": {"field": "source.ip"}},
                          "bytes": {"stats": {"field": "http.response.body.bytes"}}}}""");
        assertThat(r.get("total").asLong()).isEqualTo(lines.size());
        JsonNode aggs = r.get("aggregations");
        long histogramSum = 0;
        for (JsonNode b : aggs.get("per_hour").get("buckets")) {
            histogramSum += b.get("doc_count").asLong();
        }
        assertThat(histogramSum).isEqualTo(lines.size());

        Map<String, Long> perIp = new HashMap<>();
        Map<String, Long> perStatus = new HashMap<>();
        Set<String> ips = new HashSet<>();
        for (String l : lines) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                perIp.merge(m.group(1), 1L, Long::sum);
                perStatus.merge(m.group(4), 1L, Long::sum);
                ips.add(m.group(1));
            }
        }
        JsonNode top = aggs.get("top_ips").get("buckets").get(0);
        long max = perIp.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(top.get("doc_count").asLong()).isEqualTo(max);
        assertThat(perIp.get(top.get("key").asText())).isEqualTo(max);
        for (JsonNode b : aggs.get("statuses").get("buckets")) {
            assertThat(b.get("doc_count").asLong()).as("status %s", b.get("key")).isEqualTo(perStatus.get(b.get("key").asText()));
        }
        assertThat(aggs.get("ips").get("value").asLong()).isEqualTo(ips.size());
        assertThat(aggs.get("bytes").get("count").asLong()).isEqualTo(lines.stream().filter(l -> !l.matches(".*\" \\d{3} - .*")).count());
    }

    @Test
    void hitsAreNestedEcsDocumentsNewestFirst() throws Exception {
        JsonNode r = vigil.search("source.ip:\"83.149.9.216\"");
        JsonNode first = r.get("hits").get(0);
        assertThat(first.at("/source/ip").asText()).isEqualTo("83.149.9.216");
        assertThat(first.at("/event/dataset").asText()).isEqualTo("nginx.access");
        assertThat(first.at("/http/response/status_code").isNumber()).isTrue();
        assertThat(first.get("message").asText()).startsWith("83.149.9.216 - - [");
        assertThat(first.get("@timestamp").asText()).startsWith("2015-05-");
        String previous = null;
        for (JsonNode hit : r.get("hits")) {
            String t = hit.get("@timestamp").asText();
            if (previous != null) {
                assertThat(t.compareTo(previous)).isLessThanOrEqualTo(0);
            }
            previous = t;
        }
    }

    @Test
    void timeRangeAcceptsIsoAndDateMath() throws Exception {
        long onMay18 = lines.stream().filter(l -> l.contains("[18/May/2015")).count();
        assertThat(vigil.searchRaw("*", "&from=2015-05-18T00:00:00Z&to=2015-05-19T00:00:00Z").body())
                .contains("\"total\":" + onMay18);
        assertThat(vigil.search("*").get("total").asLong()).isEqualTo(lines.size());
        assertThat(vigil.searchRaw("*", "&from=now-15m").body()).contains("\"total\":0");
    }

    @Test
    void badQueriesAnswer400WithWhereAndWhat() throws Exception {
        HttpResponse<String> r = vigil.searchRaw("http.response.status_code:[400 TO", "");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = EventJson.MAPPER.readTree(r.body());
        assertThat(error.get("error").asText()).contains("column");
        assertThat(error.get("position").asInt()).isPositive();
        HttpResponse<String> cidr = vigil.searchRaw("source.ip:10.0.0.0/8", "");
        assertThat(cidr.statusCode()).isEqualTo(400);
        assertThat(cidr.body()).contains("quotes");
        assertThat(vigil.searchRaw("*", "&from=yesterday").statusCode()).isEqualTo(400);
        assertThat(vigil.searchRaw("*", "&sort=message:desc").statusCode()).isEqualTo(400);
        assertThat(vigil.searchRaw("http.response.status_code:abc", "").body()).contains("numeric");
    }
}
