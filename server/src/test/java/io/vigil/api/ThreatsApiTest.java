package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.enrich.GeoIpEnricher;
import io.vigil.event.EventJson;
import io.vigil.intel.feeds.IntelSettings;
import io.vigil.intel.feeds.LocalFeedServer;
import io.vigil.server.VigilConfig;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/threats/summary} end to end: two feeds served by a local HTTP server,
 * nginx and JSON lines with listed and unlisted addresses ingested over the API, and every part of
 * the summary compared with counts the test computes from the lines it sent.
 */
class ThreatsApiTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String SHARED = "185.220.101.4";
    private static final String BRUTE = "61.177.172.13";
    private static final List<String> UNLISTED = List.of("8.8.8.8", "1.1.1.1", "9.9.9.9");
    private static final List<String> COUNTRIES = List.of("CN", "RU", "US", "ID", "BR");

    /** A feed as the test registers it. */
    private record Feed(String name, String context, String severity, Set<String> addresses) {}

    /** One ingested line: who, when, and the source country it carries (null: none, as nginx lines without GeoIP). */
    private record Line(String source, String destination, Instant time, String country) {
        List<String> addresses() {
            return destination == null ? List.of(source) : List.of(source, destination);
        }
    }

    @TempDir
    Path dir;
    LocalFeedServer feedServer;
    TestServer vigil;
    final Feed hosts = new Feed("malicious_hosts", "Malicious Host", "medium", new LinkedHashSet<>());
    final Feed brute = new Feed("brute_forcers", "Brute Forcer", "high", new LinkedHashSet<>(List.of(BRUTE, SHARED)));

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 28; i++) {
            hosts.addresses().add(host(i));
        }
        hosts.addresses().add(SHARED);
        feedServer = new LocalFeedServer();
        vigil = new TestServer(VigilConfig.defaults().withDataDir(dir).withHttp("127.0.0.1", 0).withIntel(new IntelSettings(
                new GeoIpEnricher.Databases(null, null, null), false, Duration.ofMinutes(1), Duration.ofDays(7))));
        for (Feed f : List.of(hosts, brute)) {
            feedServer.serve("/" + f.name() + ".txt", String.join("\n", f.addresses()) + "\n");
            call("POST", "/api/v1/feeds", """
                    {"name": "%s", "url": "%s", "format": "plain", "refresh": "1h", "context": "%s", "severity": "%s"}"""
                    .formatted(f.name(), feedServer.url("/" + f.name() + ".txt"), f.context(), f.severity()), 201);
            call("POST", "/api/v1/feeds/" + f.name() + "/refresh", null, 200);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
        if (feedServer != null) {
            feedServer.close();
        }
    }

    private static String host(int i) {
        return "45.83.64." + i;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(vigil.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return vigil.send(b);
    }

    private JsonNode call(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = send(method, path, body, TestServer.API);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return EventJson.MAPPER.readTree(r.body());
    }

    /**
     * Host {@code i} is seen {@code i} times, the shared address 30 times, the brute forcer 40 times,
     * unlisted addresses 45 times, each at a random time in the range; one line pairs an unlisted
     * source with the brute forcer as destination, one pairs two listed addresses, and two listed
     * sightings fall before the range.
     */
    private static List<Line> lines(Instant from, Instant to, Random random) {
        List<Line> out = new ArrayList<>();
        long span = Duration.between(from, to).minusMinutes(2).toSeconds();
        java.util.function.Supplier<Instant> at = () -> from.plusSeconds(60 + (long) (random.nextDouble() * span));
        for (int i = 1; i <= 28; i++) {
            for (int n = 0; n < i; n++) {
                out.add(new Line(host(i), null, at.get(), n % 2 == 0 ? COUNTRIES.get(i % COUNTRIES.size()) : null));
            }
        }
        for (int n = 0; n < 30; n++) {
            out.add(new Line(SHARED, null, at.get(), n % 3 == 0 ? null : "NL"));
        }
        for (int n = 0; n < 40; n++) {
            out.add(new Line(BRUTE, null, at.get(), null));
        }
        for (int n = 0; n < 45; n++) {
            out.add(new Line(UNLISTED.get(n % UNLISTED.size()), null, at.get(), n % 2 == 0 ? "US" : null));
        }
        out.add(new Line("8.8.8.8", BRUTE, at.get(), "US"));
        out.add(new Line(host(28), SHARED, at.get(), "CN"));
        out.add(new Line(BRUTE, null, from.minus(Duration.ofHours(2)), null));
        out.add(new Line(SHARED, null, from.minusSeconds(1), "NL"));
        return out;
    }

    /** Lines with a country or a destination as JSON (the country as if GeoIP had set it), the others as nginx access lines. */
    private void ingest(List<Line> lines) throws Exception {
        StringBuilder nginx = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (Line l : lines) {
            if (l.country() == null && l.destination() == null) {
                nginx.append(l.source()).append(" - - [").append(CLF.format(l.time()))
                        .append("] \"GET /wp-login.php HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0\"\n");
            } else {
                json.append(EventJson.MAPPER.writeValueAsString(Map.of("@timestamp", l.time().toString(),
                        "message", "connection from " + l.source(), "source", l.country() == null ? Map.of("ip", l.source())
                                : Map.of("ip", l.source(), "geo", Map.of("country_iso_code", l.country())),
                        "destination", Map.of("ip", l.destination() == null ? "10.0.0.1" : l.destination())))).append('\n');
            }
        }
        assertThat(vigil.ingest("nginx", "text/plain", nginx.toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(vigil.ingest("json", "application/x-ndjson", json.toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    private List<Feed> feedsOf(String address) {
        return List.of(hosts, brute).stream().filter(f -> f.addresses().contains(address)).toList();
    }

    private List<String> listed(Line l) {
        return l.addresses().stream().filter(a -> !feedsOf(a).isEmpty()).toList();
    }

    private Set<Feed> feeds(Line l) {
        Set<Feed> out = new LinkedHashSet<>();
        listed(l).forEach(a -> out.addAll(feedsOf(a)));
        return out;
    }

    private static String severity(Set<Feed> feeds) {
        return feeds.stream().anyMatch(f -> f.severity().equals("high")) ? "high" : "medium";
    }

    private static Map<String, Long> counts(JsonNode rows, String key) {
        Map<String, Long> out = new TreeMap<>();
        long previous = Long.MAX_VALUE;
        for (JsonNode row : rows) {
            long count = row.get("count").asLong();
            assertThat(count).as("most frequent first").isLessThanOrEqualTo(previous);
            previous = count;
            out.put(row.get(key).asText(), count);
        }
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void summarisesFeedsCountriesSeveritiesAndTopAddressesOfTheRange() throws Exception {
        long step = Duration.ofMinutes(5).toMillis();
        Instant to = Instant.ofEpochMilli(Math.floorDiv(Instant.now().toEpochMilli(), step) * step);
        Instant from = to.minus(Duration.ofHours(6));
        List<Line> lines = lines(from, to, new Random(42));
        ingest(lines);
        vigil.server.store().refresh();
        List<Line> threats = lines.stream().filter(l -> !listed(l).isEmpty() && !l.time().isBefore(from)).toList();

        JsonNode s = call("GET", ThreatRoutes.PATH + "?from=" + from + "&to=" + to, null, 200);

        assertThat(s.get("from").asText()).isEqualTo(from.toString());
        assertThat(s.get("to").asText()).isEqualTo(to.toString());
        assertThat(s.get("total").asLong()).isEqualTo(threats.size());
        assertThat(s.get("interval").asText()).as("6 hours in 5-minute buckets").isEqualTo("5m");

        Map<String, Long> perFeed = new TreeMap<>();
        Map<String, Map<Instant, Long>> perFeedBuckets = new HashMap<>();
        for (Line l : threats) {
            for (Feed f : feeds(l)) {
                perFeed.merge(f.name(), 1L, Long::sum);
                Instant bucket = Instant.ofEpochMilli(Math.floorDiv(l.time().toEpochMilli(), step) * step);
                perFeedBuckets.computeIfAbsent(f.name(), k -> new TreeMap<>()).merge(bucket, 1L, Long::sum);
            }
        }
        assertThat(counts(s.get("per_feed"), "feed")).isEqualTo(perFeed);
        for (JsonNode feed : s.get("per_feed")) {
            JsonNode buckets = feed.get("buckets");
            assertThat(buckets.size()).as("one bucket per 5 minutes from the start to the end").isBetween(72, 73);
            assertThat(Instant.parse(buckets.get(0).get("time").asText())).isEqualTo(from);
            Map<Instant, Long> nonEmpty = new TreeMap<>();
            for (JsonNode b : buckets) {
                if (b.get("count").asLong() > 0) {
                    nonEmpty.put(Instant.parse(b.get("time").asText()), b.get("count").asLong());
                }
            }
            assertThat(nonEmpty).as(feed.get("feed").asText()).isEqualTo(perFeedBuckets.get(feed.get("feed").asText()));
        }

        Map<String, Long> byCountry = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        for (Line l : threats) {
            if (l.country() != null) {
                byCountry.merge(l.country(), 1L, Long::sum);
            }
            bySeverity.merge(severity(feeds(l)), 1L, Long::sum);
        }
        assertThat(counts(s.get("by_country"), "country")).isEqualTo(byCountry);
        assertThat(counts(s.get("by_severity"), "severity")).isEqualTo(bySeverity);

        Map<String, List<Line>> byAddress = new HashMap<>();
        for (Line l : threats) {
            listed(l).forEach(a -> byAddress.computeIfAbsent(a, k -> new ArrayList<>()).add(l));
        }
        List<String> top = byAddress.keySet().stream()
                .sorted(Comparator.comparing((String a) -> byAddress.get(a).size()).reversed()).limit(25).toList();
        assertThat(byAddress).as("more listed addresses than the top 25").hasSizeGreaterThan(25);
        JsonNode topIps = s.get("top_ips");
        assertThat(topIps).hasSize(25);
        for (int i = 0; i < top.size(); i++) {
            String address = top.get(i);
            List<Line> seen = byAddress.get(address);
            JsonNode row = topIps.get(i);
            assertThat(row.get("ip").asText()).isEqualTo(address);
            assertThat(row.get("count").asLong()).isEqualTo(seen.size());
            Set<String> feedNames = new TreeSet<>();
            Set<String> contexts = new TreeSet<>();
            Set<Feed> all = new LinkedHashSet<>();
            seen.forEach(l -> all.addAll(feeds(l)));
            all.forEach(f -> {
                feedNames.add(f.name());
                contexts.add(f.context());
            });
            assertThat(texts(row.get("feeds"))).as(address).isEqualTo(feedNames);
            assertThat(texts(row.get("context"))).as(address).isEqualTo(contexts);
            assertThat(row.get("severity").asText()).as(address).isEqualTo(severity(all));
            Line newest = seen.stream().max(Comparator.comparing(Line::time)).orElseThrow();
            String country = newest.source().equals(address) ? newest.country() : null;
            assertThat(row.get("country").isNull() ? null : row.get("country").asText()).as(address).isEqualTo(country);
            assertThat(Instant.parse(row.get("first_seen").asText()))
                    .isEqualTo(seen.stream().map(Line::time).min(Comparator.naturalOrder()).orElseThrow());
            assertThat(Instant.parse(row.get("last_seen").asText())).isEqualTo(newest.time());
        }
    }

    @Test
    void defaultsToTheLast24HoursAndAcceptsRelativeTimes() throws Exception {
        JsonNode s = call("GET", ThreatRoutes.PATH, null, 200);
        Instant from = Instant.parse(s.get("from").asText());
        Instant to = Instant.parse(s.get("to").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
        assertThat(to).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(s.get("total").asLong()).isZero();
        assertThat(s.get("interval").asText()).isEqualTo("15m");
        assertThat(s.get("per_feed")).isEmpty();
        assertThat(s.get("top_ips")).isEmpty();

        JsonNode week = call("GET", ThreatRoutes.PATH + "?from=now-7d&to=now", null, 200);
        assertThat(Duration.between(Instant.parse(week.get("from").asText()), Instant.parse(week.get("to").asText())))
                .isEqualTo(Duration.ofDays(7));
        assertThat(week.get("interval").asText()).isEqualTo("2h");
    }

    @Test
    void needsAnApiTokenAndReadableTimes() throws Exception {
        assertThat(send("GET", ThreatRoutes.PATH, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", ThreatRoutes.PATH, null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", ThreatRoutes.PATH, null, TestServer.INGEST).statusCode()).isEqualTo(403);
        JsonNode bad = call("GET", ThreatRoutes.PATH + "?from=" + URLEncoder.encode("yesterday-ish", StandardCharsets.UTF_8), null, 400);
        assertThat(bad.get("error").asText()).contains("cannot read time 'yesterday-ish'");
        assertThat(call("GET", ThreatRoutes.PATH + "?from=now&to=now-1h", null, 400).get("error").asText())
                .contains("starts").contains("after it ends");
    }
}
