package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.enrich.GeoIpEnricher;
import io.vigil.event.EventJson;
import io.vigil.intel.feeds.IntelSettings;
import io.vigil.intel.feeds.LocalFeedServer;
import io.vigil.intel.feeds.Snapshots;
import io.vigil.server.VigilConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threat intelligence end to end through a real server: a real feed (IPsum level 5, Unlicense,
 * copied under {@code src/test/resources/intel/ipsum/}) served by a local HTTP server, nginx lines
 * ingested over the API, enrichment found by search, threat
 * security events from the built-in rule, the retro-hunt, feed management and health.
 */
class IntelApiTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Where {@code .ci/fetch-geoip} puts the CC BY 4.0 ip-location-db country database. */
    private static final Path GEOIP_DB = Path.of("..", ".cache", "geoip", "geo-whois-asn-country.mmdb");

    @TempDir
    Path dir;
    LocalFeedServer feeds;
    TestServer vigil;
    WebhookReceiver receiver;
    String ipset;

    @BeforeEach
    void start() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("intel/ipsum/5.txt")) {
            ipset = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        feeds = new LocalFeedServer();
        feeds.serve("/levels/5.txt", ipset);
        vigil = new TestServer(config(dir, null));
    }

    @AfterEach
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
        if (feeds != null) {
            feeds.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Scheduled refresh off: the catalogue's public feeds are never fetched from a test. */
    private static VigilConfig config(Path data, Path geoCountryDb) {
        return VigilConfig.defaults().withDataDir(data).withHttp("127.0.0.1", 0).withIntel(new IntelSettings(
                new GeoIpEnricher.Databases(null, null, geoCountryDb), false, Duration.ofMinutes(1), Duration.ofDays(7)));
    }

    private static String access(String ip, Instant t, String path, int status) {
        return ip + " - - [" + CLF.format(t) + "] \"GET " + path + " HTTP/1.1\" " + status + " 153 \"-\" \"Mozilla/5.0\"\n";
    }

    private void ingest(String lines) throws Exception {
        HttpResponse<String> r = vigil.ingest("nginx", "text/plain", lines.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return vigil.send(HttpRequest.newBuilder(vigil.uri(path)).header("Authorization", "Bearer " + TestServer.API)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return EventJson.MAPPER.readTree(r.body());
    }

    private JsonNode searchUntil(String query, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        JsonNode r = vigil.search(query);
        while (r.get("total").asLong() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            r = vigil.search(query);
        }
        return r;
    }

    private String addIpsumFeed() throws Exception {
        String body = """
                {"name": "ipsum_level5", "url": "%s", "format": "plain", "enabled": true, "refresh": "1h",
                 "context": "Malicious Host", "severity": "medium", "confidence": 70}""".formatted(feeds.url("/levels/5.txt"));
        JsonNode created = ok("POST", "/api/v1/feeds", body);
        assertThat(created.get("name").asText()).isEqualTo("ipsum_level5");
        return Snapshots.firstAddress(ipset);
    }

    @Test
    void listedAddressesAreEnrichedFoundBySearchAndRaiseOneThreatEvent() throws Exception {
        String listed = addIpsumFeed();
        JsonNode refreshed = ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        assertThat(refreshed.toString()).isEqualTo("{\"entries\":1413,\"added\":1413,\"removed\":0}");
        // A private feed listing the same address, uploaded: both feeds count.
        ok("POST", "/api/v1/feeds", """
                {"name": "soc_watchlist", "format": "plain", "context": "Brute Forcer", "severity": "high"}""");
        assertThat(ok("POST", "/api/v1/feeds/soc_watchlist/upload", listed + "\n").get("entries").asInt()).isEqualTo(1);

        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        ingest(access(listed, t, "/wp-login.php", 404) + access(listed, t.plusSeconds(5), "/.env", 404)
                + access(listed, t.plusSeconds(9), "/xmlrpc.php", 404) + access("192.0.2.10", t, "/", 200));

        JsonNode found = searchUntil("security.context:\"Malicious Host\"", 3);
        assertThat(found.get("total").asLong()).isEqualTo(3);
        for (JsonNode hit : found.get("hits")) {
            JsonNode security = hit.get("security");
            assertThat(security.at("/ioc/malicious_ip").asText()).isEqualTo(listed);
            assertThat(security.get("context").toString()).as("most severe feed first").isEqualTo("[\"Brute Forcer\",\"Malicious Host\"]");
            assertThat(security.get("origin_feeds").toString()).isEqualTo("[\"soc_watchlist\",\"ipsum_level5\"]");
            assertThat(security.get("origin_feeds_num").asInt()).isEqualTo(2);
            assertThat(security.get("severity").asText()).isEqualTo("high");
        }
        assertThat(vigil.search("source.ip:\"192.0.2.10\" AND _exists_:security.context").get("total").asLong()).isZero();

        JsonNode events = ok("GET", "/api/v1/events?rule=threat-intel-ip-match", null);
        assertThat(events.get("total").asLong()).as("grouped by address, repeats merged").isEqualTo(1);
        JsonNode threat = events.at("/events/0");
        assertThat(threat.at("/group/security.ioc.malicious_ip").asText()).isEqualTo(listed);
        assertThat(threat.get("count").asLong()).isEqualTo(3);
        assertThat(threat.get("retro").asBoolean()).isFalse();

        JsonNode why = ok("GET", "/api/v1/intel/ip/" + listed, null);
        assertThat(why.get("listed").asBoolean()).isTrue();
        assertThat(why.get("severity").asText()).isEqualTo("high");
        assertThat(why.get("matches")).hasSize(2);
        assertThat(why.at("/matches/0/feed").asText()).isEqualTo("soc_watchlist");
        assertThat(why.at("/matches/1/entry").asText()).isEqualTo(listed);
        assertThat(why.at("/matches/1/context").asText()).isEqualTo("Malicious Host");
        assertThat(ok("GET", "/api/v1/intel/ip/192.0.2.10", null).get("listed").asBoolean()).isFalse();
    }

    @Test
    void secondRefreshIsConditionalAndHealthIsListedPerFeed() throws Exception {
        addIpsumFeed();
        ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        assertThat(ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null).toString())
                .isEqualTo("{\"entries\":1413,\"added\":0,\"removed\":0}");
        assertThat(feeds.requests().get(1).ifNoneMatch()).isNotNull();

        JsonNode list = ok("GET", "/api/v1/feeds", null).get("feeds");
        assertThat(list).hasSize(11);
        JsonNode mine = list.get(10);
        assertThat(mine.get("name").asText()).isEqualTo("ipsum_level5");
        assertThat(mine.at("/health/entries").asInt()).isEqualTo(1413);
        assertThat(mine.at("/health/last_success").isNull()).isFalse();
        assertThat(mine.at("/health/stale").asBoolean()).isFalse();
        JsonNode drop = list.get(3);
        assertThat(drop.get("name").asText()).isEqualTo("spamhaus_drop");
        assertThat(drop.get("url").asText()).isEqualTo("https://www.spamhaus.org/drop/drop.txt");
        assertThat(drop.get("built_in").asBoolean()).isTrue();
        assertThat(drop.at("/health/stale").asBoolean()).as("never fetched").isTrue();

        feeds.fail("/levels/5.txt", 500);
        HttpResponse<String> failed = call("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).contains("HTTP 500").contains("last good data");
        JsonNode health = ok("GET", "/api/v1/feeds/ipsum_level5", null).get("health");
        assertThat(health.get("failing").asBoolean()).isTrue();
        assertThat(health.get("last_error").asText()).contains("HTTP 500");
        assertThat(health.get("entries").asInt()).isEqualTo(1413);
        assertThat(ok("GET", "/api/v1/intel/ip/" + Snapshots.firstAddress(ipset), null).get("listed").asBoolean()).isTrue();
    }

    @Test
    void retroHuntRaisesRetroThreatEventsForPastSightingsWithTheirOriginalTimesAndNotifies() throws Exception {
        // The rule sends to the channel "default": here a webhook to a local receiver.
        receiver = new WebhookReceiver(0);
        ok("POST", "/api/v1/channels", "{\"name\": \"default\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/hook") + "\"}");
        String listed = Snapshots.firstAddress(ipset);
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        Instant last = first.plus(Duration.ofHours(20));
        String tooOld = ipset.lines().filter(l -> !l.startsWith("#")).skip(1).findFirst().orElseThrow().trim();
        ingest(access(listed, first, "/wp-login.php", 404) + access(listed, last, "/.git/config", 404)
                + access(tooOld, Instant.now().minus(Duration.ofDays(9)), "/", 200) + access("192.0.2.10", first, "/", 200));
        assertThat(searchUntil("source.ip:\"" + listed + "\"", 2).get("total").asLong()).isEqualTo(2);
        assertThat(vigil.search("_exists_:security.ioc.malicious_ip").get("total").asLong()).isZero();

        addIpsumFeed();
        ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);

        JsonNode events = ok("GET", "/api/v1/events?rule=threat-intel-ip-match", null);
        long deadline = System.currentTimeMillis() + 10_000;
        while (events.get("total").asLong() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            events = ok("GET", "/api/v1/events?rule=threat-intel-ip-match", null);
        }
        assertThat(events.get("total").asLong()).as("the 9-day-old sighting is outside the 7-day window").isEqualTo(1);
        JsonNode retro = events.at("/events/0");
        assertThat(retro.get("retro").asBoolean()).isTrue();
        assertThat(retro.at("/group/security.ioc.malicious_ip").asText()).isEqualTo(listed);
        assertThat(Instant.parse(retro.get("first_seen").asText())).isEqualTo(first);
        assertThat(Instant.parse(retro.get("last_seen").asText())).isEqualTo(last);
        assertThat(retro.get("count").asLong()).isEqualTo(2);
        assertThat(retro.get("event_ids")).hasSize(2);
        assertThat(retro.get("samples").toString()).contains("/wp-login.php");

        JsonNode detail = ok("GET", "/api/v1/events/" + retro.get("id").asText(), null);
        assertThat(detail.get("contributing_events")).hasSize(2);

        // The probes of /.git/config also fire a seed rule sending to "default": only the threat messages count here.
        JsonNode sent = threatMessage(10_000);
        assertThat(sent).as("the retro event is sent through the rule's action").isNotNull();
        assertThat(sent.at("/event/id").asText()).isEqualTo(retro.get("id").asText());
        JsonNode status = ok("GET", "/api/v1/events/" + retro.get("id").asText(), null).at("/notifications/0");
        deadline = System.currentTimeMillis() + 10_000;
        while (!"sent".equals(status.path("status").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            status = ok("GET", "/api/v1/events/" + retro.get("id").asText(), null).at("/notifications/0");
        }
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("sent");

        // Hunting the same sightings again (the feed drops the address, then lists it again) updates the event: no second message.
        feeds.serve("/levels/5.txt", ipset.lines().map(l -> l.trim().equals(listed) ? "# " + l : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        ingest(access(listed, first.plus(Duration.ofHours(1)), "/admin", 404)); // while unlisted: not matched live
        assertThat(searchUntil("source.ip:\"" + listed + "\"", 3).get("total").asLong()).isEqualTo(3);
        feeds.serve("/levels/5.txt", ipset);
        ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        JsonNode again = ok("GET", "/api/v1/events?rule=threat-intel-ip-match", null);
        deadline = System.currentTimeMillis() + 10_000;
        while (again.at("/events/0/count").asLong() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            again = ok("GET", "/api/v1/events?rule=threat-intel-ip-match", null);
        }
        assertThat(again.get("total").asLong()).isEqualTo(1);
        assertThat(again.at("/events/0/id").asText()).isEqualTo(retro.get("id").asText());
        assertThat(again.at("/events/0/count").asLong()).as("the third sighting joined").isEqualTo(3);
        assertThat(again.at("/events/0/notifications")).hasSize(1);
        assertThat(threatMessage(500)).as("notified once").isNull();
    }

    /** The next webhook message about a threat-intel security event within the time, or null. */
    private JsonNode threatMessage(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
            WebhookReceiver.Request r = receiver.requests.poll(left, TimeUnit.MILLISECONDS);
            JsonNode message = r == null ? null : EventJson.MAPPER.readTree(r.body());
            if (message != null && message.at("/event/rule/id").asText().equals("threat-intel-ip-match")) {
                return message;
            }
        }
        return null;
    }

    @Test
    void feedsSurviveARestartWithoutTheNetwork() throws Exception {
        String listed = addIpsumFeed();
        ok("POST", "/api/v1/feeds/ipsum_level5/refresh", null);
        vigil.close();
        feeds.close();
        vigil = new TestServer(config(dir, null));
        ingest(access(listed, Instant.now().minusSeconds(30), "/admin", 403));
        assertThat(searchUntil("security.context:\"Malicious Host\"", 1).get("total").asLong()).isEqualTo(1);
        assertThat(ok("GET", "/api/v1/feeds/ipsum_level5", null).at("/health/entries").asInt()).isEqualTo(1413);
    }

    @Test
    void feedManagementValidatesAndExplains() throws Exception {
        HttpResponse<String> invalid = call("POST", "/api/v1/feeds", """
                {"name": "Bad Name", "url": "ftp://x", "format": "xml", "context": "", "severity": "huge", "colour": 1}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(EventJson.MAPPER.readTree(invalid.body()).get("problems").size()).isGreaterThanOrEqualTo(5);
        addIpsumFeed();
        assertThat(call("POST", "/api/v1/feeds", """
                {"name": "ipsum_level5", "context": "x"}""").statusCode()).isEqualTo(409);
        JsonNode changed = ok("PUT", "/api/v1/feeds/ipsum_level5", """
                {"severity": "high", "refresh": "30m"}""");
        assertThat(changed.get("severity").asText()).isEqualTo("high");
        assertThat(changed.get("refresh").asText()).isEqualTo("30m");
        assertThat(changed.get("url").asText()).endsWith("/levels/5.txt");

        JsonNode tor = ok("PUT", "/api/v1/feeds/tor_exit_nodes", "{\"enabled\": false}");
        assertThat(tor.get("changed").asBoolean()).isTrue();
        assertThat(call("POST", "/api/v1/feeds/tor_exit_nodes/refresh", null).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/feeds/spamhaus_drop", null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/feeds/nope/refresh", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/intel/ip/not-an-ip", null).statusCode()).isEqualTo(400);
        assertThat(ok("DELETE", "/api/v1/feeds/ipsum_level5", null).get("deleted").asText()).isEqualTo("ipsum_level5");
        assertThat(call("GET", "/api/v1/feeds/ipsum_level5", null).statusCode()).isEqualTo(404);
    }

    @Test
    void geoIpEnrichesSourceAddressesFromTheConfiguredDatabase() throws Exception {
        assumeTrue(Files.isRegularFile(GEOIP_DB), () -> GEOIP_DB.toAbsolutePath().normalize()
                + " is absent: run .ci/fetch-geoip (npm pack @ip-location-db/geo-whois-asn-country-mmdb) to run this test");
        vigil.close();
        vigil = new TestServer(config(dir.resolve("geo"), GEOIP_DB));
        ingest(access("8.8.8.8", Instant.now().minusSeconds(30), "/", 200) + access("10.1.2.3", Instant.now().minusSeconds(20), "/", 200));
        JsonNode us = searchUntil("source.geo.country_iso_code:US", 1);
        assertThat(us.get("total").asLong()).isEqualTo(1);
        assertThat(us.at("/hits/0/source/geo/country_name").asText()).isEqualTo("United States");
        assertThat(vigil.search("source.geo.name:private").get("total").asLong()).isEqualTo(1);
    }
}
