package io.vigil.intel.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import io.vigil.intel.FeedCatalogue;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.Listing;
import io.vigil.rules.Severity;
import io.vigil.state.FeedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshing feeds from a local HTTP server that serves the real snapshots: conditional GET,
 * failures that keep the last good data, the disk cache across restarts, TAXII polling.
 */
class FeedRefreshTest {
    @TempDir
    Path data;
    LocalFeedServer http;
    final List<IntelFeeds.Added> added = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-08-22T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        http = new LocalFeedServer();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private IntelFeeds open() throws Exception {
        // No catalogue: these tests must never reach for the Internet.
        return new IntelFeeds(FeedStore.open(data, Map.of()), new FeedCache(data), new FeedFetcher(Duration.ofSeconds(5)),
                clock, added::add);
    }

    private FeedDefinition feed(String name, String path, String format, Map<String, Object> options) {
        return new FeedDefinition(name, http.url(path), format, true, Duration.ofHours(1), "Malicious Host",
                Severity.HIGH, 80, options, "");
    }

    @Test
    void fetchesAFeedThenAsksConditionallyAndGets304() throws Exception {
        String ipset = Snapshots.read("firehol-ipsets/et_compromised.ipset");
        http.serve("/et.ipset", ipset);
        IntelFeeds feeds = open();
        feeds.create(feed("et", "/et.ipset", "plain", Map.of()));
        assertThat(feeds.refresh("et")).isEqualTo(new IntelFeeds.Refreshed(539, 539, 0));
        String listed = Snapshots.firstAddress(ipset);
        assertThat(feeds.matcher().match(listed)).extracting(Listing::feed).containsExactly("et");
        assertThat(added).singleElement().satisfies(a -> assertThat(a.networks()).hasSize(539));

        assertThat(feeds.refresh("et")).isEqualTo(new IntelFeeds.Refreshed(539, 0, 0));
        LocalFeedServer.Request second = http.requests().get(1);
        assertThat(second.ifNoneMatch()).startsWith("\"");
        assertThat(second.ifModifiedSince()).contains("2026");
        assertThat(added).hasSize(1);
        FeedStatus status = feeds.get("et").orElseThrow().status();
        assertThat(status.lastSuccess()).isEqualTo(clock.instant());
        assertThat(status.entries()).isEqualTo(539);
        assertThat(status.failing()).isFalse();
    }

    @Test
    void countsAddedAndRemovedWhenTheFeedChanges() throws Exception {
        http.serve("/list.txt", "198.51.100.1\n198.51.100.2\n198.51.100.3\n");
        IntelFeeds feeds = open();
        feeds.create(feed("mine", "/list.txt", "plain", Map.of()));
        feeds.refresh("mine");
        http.serve("/list.txt", "# changed\n198.51.100.2\n198.51.100.3\n198.51.100.4\n2001:db8::7\n", true);
        assertThat(feeds.refresh("mine")).isEqualTo(new IntelFeeds.Refreshed(4, 2, 1));
        assertThat(feeds.matcher().match("198.51.100.1")).isEmpty();
        assertThat(feeds.matcher().match("2001:db8::7")).hasSize(1);
        assertThat(added.get(1).networks()).extracting(Object::toString).containsExactlyInAnyOrder("198.51.100.4", "2001:db8::7");
        assertThat(added.get(1).before().match("198.51.100.4")).isEmpty();
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodDataAndRecordsTheError() throws Exception {
        http.serve("/drop.txt", Snapshots.read("firehol-ipsets/spamhaus_drop.netset"));
        IntelFeeds feeds = open();
        feeds.create(feed("drop", "/drop.txt", "netset", Map.of()));
        feeds.refresh("drop");
        int entries = feeds.matcher().entries();

        http.fail("/drop.txt", 503);
        assertThatThrownBy(() -> feeds.refresh("drop")).isInstanceOf(IntelFeeds.RefreshFailed.class).hasMessageContaining("HTTP 503");
        assertThat(feeds.matcher().entries()).isEqualTo(entries);
        assertThat(feeds.matcher().match("1.10.16.1")).hasSize(1);
        FeedStatus failed = feeds.get("drop").orElseThrow().status();
        assertThat(failed.failing()).isTrue();
        assertThat(failed.lastError()).contains("HTTP 503");
        assertThat(failed.entries()).isEqualTo(1599);

        http.serve("/drop.txt", "<html><body>We moved!</body></html>\n");
        assertThatThrownBy(() -> feeds.refresh("drop")).hasMessageContaining("no entries read");
        assertThat(feeds.matcher().entries()).as("an error page served with 200 changes nothing").isEqualTo(entries);
        assertThat(Files.readString(data.resolve("intel/drop.data"))).contains("1.10.16.0/20");
    }

    @Test
    void anUnreachableFeedShowsItsErrorAndNothingElseIsAffected() throws Exception {
        http.serve("/ok.txt", "198.51.100.9\n");
        IntelFeeds feeds = open();
        feeds.create(feed("ok", "/ok.txt", "plain", Map.of()));
        feeds.create(new FeedDefinition("offline", "http://127.0.0.1:1/feed.txt", "plain", true, Duration.ofHours(1),
                "Malicious Host", Severity.HIGH, 80, Map.of(), ""));
        assertThatThrownBy(() -> feeds.refresh("offline")).hasMessageContaining("cannot fetch http://127.0.0.1:1/feed.txt");
        feeds.refresh("ok");
        assertThat(feeds.matcher().match("198.51.100.9")).hasSize(1);
        FeedStatus offline = feeds.get("offline").orElseThrow().status();
        assertThat(offline.lastError()).contains("ConnectException");
        assertThat(offline.stale(feeds.get("offline").orElseThrow().entry().feed(), clock.instant())).isTrue();
        assertThat(feeds.due(clock.instant(), Duration.ofMinutes(15))).extracting(FeedDefinition::name)
                .as("a failed feed waits for its retry; a fetched one for its interval").isEmpty();
        assertThat(feeds.due(clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(15)))
                .extracting(FeedDefinition::name).containsExactlyInAnyOrder("ok", "offline");
    }

    @Test
    void aRestartMatchesFromTheDiskCacheWithoutTheNetwork() throws Exception {
        http.serve("/av.data", Snapshots.read("alienvault-reputation/reputation.data"));
        IntelFeeds first = open();
        first.create(feed("av", "/av.data", "alienvault", Map.of()));
        first.refresh("av");
        http.close();

        IntelFeeds second = open();
        assertThat(second.matcher().match("46.4.123.15")).extracting(Listing::context).containsExactly("Malicious Host");
        assertThat(second.matcher().match("116.117.253.243")).extracting(Listing::context).containsExactly("Scanning Host");
        FeedStatus status = second.get("av").orElseThrow().status();
        assertThat(status.entries()).isEqualTo(53_444);
        assertThat(status.etag()).isNotNull();
    }

    @Test
    void disablingAFeedDropsItFromMatchingAndEnablingBringsItBack() throws Exception {
        http.serve("/list.txt", "198.51.100.1\n");
        IntelFeeds feeds = open();
        feeds.create(feed("mine", "/list.txt", "plain", Map.of()));
        feeds.refresh("mine");
        FeedDefinition defined = feeds.get("mine").orElseThrow().entry().feed();
        feeds.replace(defined.withEnabled(false));
        assertThat(feeds.matcher().match("198.51.100.1")).isEmpty();
        assertThatThrownBy(() -> feeds.refresh("mine")).isInstanceOf(IllegalStateException.class);
        feeds.replace(defined);
        assertThat(feeds.matcher().match("198.51.100.1")).hasSize(1);
    }

    @Test
    void uploadsAPrivateFeedAndExplainsMatches() throws Exception {
        IntelFeeds feeds = open();
        feeds.create(new FeedDefinition("private", null, "csv", true, Duration.ofHours(1), "Insider Watchlist",
                Severity.CRITICAL, 100, Map.of("column", "ip", "context_column", "why", "exclude_reserved", false), ""));
        assertThat(feeds.upload("private", "ip,why\n10.20.30.40,Compromised laptop\n198.51.100.0/24,Partner VPN abuse\n"))
                .isEqualTo(new IntelFeeds.Refreshed(2, 2, 0));
        assertThat(feeds.matcher().match("10.20.30.40")).extracting(Listing::context).containsExactly("Compromised laptop");
        assertThat(feeds.explain(io.vigil.event.Cidr.parse("198.51.100.77").orElseThrow()))
                .singleElement().satisfies(e -> {
                    assertThat(e.entry().toString()).isEqualTo("198.51.100.0/24");
                    assertThat(e.context()).isEqualTo("Partner VPN abuse");
                });
        assertThatThrownBy(() -> feeds.refresh("private")).hasMessageContaining("upload");
        assertThatThrownBy(() -> feeds.upload("private", "ip,why\nnonsense,x\n")).isInstanceOf(IntelFeeds.RefreshFailed.class);
        assertThat(feeds.matcher().entries()).isEqualTo(2);
    }

    @Test
    void pollsATaxiiCollectionIncrementallyWithAddedAfter() throws Exception {
        http.pageSize(2).addToCollection("/taxii2/api1/collections/c1/objects/", Instant.parse("2026-08-20T10:00:00Z"), List.of(
                indicator("indicator--1", "[ipv4-addr:value = '198.51.100.1']", false),
                indicator("indicator--2", "[ipv4-addr:value = '198.51.100.2']", false),
                indicator("indicator--3", "[ipv6-addr:value = '2001:db8::3']", false)));
        IntelFeeds feeds = open();
        feeds.create(new FeedDefinition("taxii", http.url("/taxii2/api1/collections/c1/objects/"), "taxii2", true,
                Duration.ofHours(1), "C2 Server", Severity.CRITICAL, 90, Map.of("username", "vigil", "password", "s3cret"), ""));
        assertThat(feeds.refresh("taxii")).isEqualTo(new IntelFeeds.Refreshed(3, 3, 0));
        assertThat(http.requests()).as("two pages").hasSize(2);
        assertThat(http.requests().get(0).accept()).isEqualTo("application/taxii+json;version=2.1");
        assertThat(http.requests().get(0).authorization()).startsWith("Basic ");
        assertThat(http.requests().get(1).pathAndQuery()).contains("next=2");

        http.addToCollection("/taxii2/api1/collections/c1/objects/", Instant.parse("2026-08-21T10:00:00Z"), List.of(
                indicator("indicator--1", "[ipv4-addr:value = '198.51.100.1']", true),
                indicator("indicator--4", "[ipv4-addr:value = '203.0.113.0/24']", false)));
        assertThat(feeds.refresh("taxii")).isEqualTo(new IntelFeeds.Refreshed(3, 1, 1));
        assertThat(http.requests().get(2).pathAndQuery()).contains("added_after=2026-08-20T10%3A00%3A00Z");
        assertThat(feeds.matcher().match("198.51.100.1")).as("revoked").isEmpty();
        assertThat(feeds.matcher().match("203.0.113.200")).hasSize(1);
        assertThat(feeds.matcher().match("2001:db8::3")).hasSize(1);
    }

    private static ObjectNode indicator(String id, String pattern, boolean revoked) {
        ObjectNode o = EventJson.MAPPER.createObjectNode();
        o.put("type", "indicator").put("spec_version", "2.1").put("id", id)
                .put("created", "2026-08-01T00:00:00Z").put("modified", revoked ? "2026-08-21T00:00:00Z" : "2026-08-01T00:00:00Z")
                .put("pattern", pattern).put("pattern_type", "stix").put("valid_from", "2026-08-01T00:00:00Z");
        if (revoked) {
            o.put("revoked", true);
        }
        return o;
    }

    @Test
    void theCatalogueIsListedWithHealthBeforeAnyFetch() throws Exception {
        IntelFeeds feeds = new IntelFeeds(FeedStore.open(data, FeedCatalogue.defaults()), new FeedCache(data),
                new FeedFetcher(Duration.ofSeconds(5)), clock, added::add);
        assertThat(feeds.list()).hasSize(10);
        IntelFeeds.View drop = feeds.get("spamhaus_drop").orElseThrow();
        assertThat(drop.entry().builtIn()).isTrue();
        assertThat(drop.status().stale(drop.entry().feed(), clock.instant())).isTrue();
        assertThat(feeds.matcher().isEmpty()).isTrue();
    }
}
