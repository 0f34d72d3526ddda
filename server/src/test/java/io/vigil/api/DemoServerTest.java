package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil server --demo}: a day of attacks is searchable in "last 24 hours", and a restart replaces it. */
class DemoServerTest {
    @TempDir
    Path dir;

    @Test
    void demoDataCoversTheLastDayWithAttacksAndIsReplacedNotDuplicated() throws Exception {
        VigilConfig config = VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0).withDemo(true);
        long first;
        try (TestServer vigil = new TestServer(config)) {
            first = vigil.searchRaw("*", "&from=now-24h&size=0").statusCode() == 200
                    ? vigil.search("*").get("total").asLong() : -1;
            assertThat(first).isGreaterThan(20_000);
            JsonNode denied = vigil.post("/api/v1/search", """
                    {"q": "http.response.status_code:(401 OR 403)", "from": "now-24h", "size": 0,
                     "aggs": {"ips": {"terms": {"field": "source.ip", "size": 3}}}}""");
            assertThat(denied.at("/aggregations/ips/buckets/0/doc_count").asLong()).isGreaterThan(5);
            assertThat(vigil.search("url.original:*passwd*").get("total").asLong()).isPositive();
            assertThat(vigil.search("tags:_parse_failure").get("total").asLong()).isZero();

            // Offline, the demo feeds make the attacks show up as threats; ordinary visitors do not.
            JsonNode threats = vigil.post("/api/v1/search", """
                    {"q": "_exists_:security.ioc.malicious_ip", "from": "now-24h", "size": 0,
                     "aggs": {"feeds": {"terms": {"field": "security.origin_feeds", "size": 5}}}}""");
            assertThat(threats.get("total").asLong()).isGreaterThan(100);
            assertThat(threats.at("/aggregations/feeds/buckets").findValuesAsText("key"))
                    .containsExactlyInAnyOrder("demo-reputation", "demo-blocklist");
            assertThat(vigil.search("security.context:\"Malicious Host\" AND security.origin_feeds_num:>=1").get("total").asLong())
                    .isPositive();
            assertThat(vigil.search("_exists_:security.ioc.malicious_ip AND user_agent.original:*Googlebot*").get("total").asLong())
                    .isZero();
            String events = vigil.send(java.net.http.HttpRequest.newBuilder(vigil.uri("/api/v1/events?rule=threat-intel-ip-match"))
                    .header("Authorization", "Bearer " + TestServer.API)).body();
            assertThat(io.vigil.event.EventJson.MAPPER.readTree(events).get("total").asLong()).as(events).isPositive();
        }
        try (TestServer again = new TestServer(config)) {
            assertThat(again.search("tags:demo").get("total").asLong()).isBetween(first - 2000, first + 2000);
        }
    }
}
