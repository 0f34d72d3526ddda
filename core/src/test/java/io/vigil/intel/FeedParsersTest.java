package io.vigil.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Every feed format on real snapshots of the public feeds, plus the edge cases they show. */
class FeedParsersTest {
    private static final Instant NOW = Instant.parse("2026-08-22T12:00:00Z");

    private static FeedContent parse(String format, Map<String, Object> options, String body) {
        return FeedFormats.parser(format, options).parse(body, NOW);
    }

    private static Cidr cidr(String s) {
        return Cidr.parse(s).orElseThrow();
    }

    @Test
    void readsFireholLevel1NetsetWithItsNetworksAndLeavesOutTheBogons() {
        FeedContent c = parse("netset", Map.of(), FeedSnapshots.read("firehol-ipsets/firehol_level1.netset"));
        assertThat(c.entries()).hasSize(4631);
        assertThat(c.rejected()).isZero();
        assertThat(c.entries().stream().filter(e -> !e.network().isAddress())).hasSize(4630);
        assertThat(c.entries()).contains(FeedEntry.of(cidr("1.10.16.0/20")));
        FeedContent.Filtered filtered = c.withoutReserved();
        assertThat(filtered.excluded()).as("0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, 224/3").isEqualTo(8);
        assertThat(filtered.content().entries()).doesNotContain(FeedEntry.of(cidr("10.0.0.0/8")));
    }

    @Test
    void readsPlainIpsetsOfSingleAddresses() {
        FeedContent et = parse("plain", Map.of(), FeedSnapshots.read("firehol-ipsets/et_compromised.ipset"));
        assertThat(et.entries()).hasSize(539).allMatch(e -> e.network().isAddress());
        FeedContent ssh = parse("plain", Map.of(), FeedSnapshots.read("firehol-ipsets/blocklist_de_ssh.ipset"));
        assertThat(ssh.entries()).hasSize(5206);
        assertThat(ssh.rejected()).isZero();
    }

    @Test
    void readsSpamhausDropWithTrailingSblComments() {
        FeedContent snapshot = parse("netset", Map.of(), FeedSnapshots.read("firehol-ipsets/spamhaus_drop.netset"));
        assertThat(snapshot.entries()).hasSize(1599);
        FeedContent upstream = parse("netset", Map.of(), """
                ; Spamhaus DROP List 2026/08/22 - (c) 2026 The Spamhaus Project SLU
                ; Last-Modified: Sat, 22 Aug 2026 10:00:00 GMT
                1.10.16.0/20 ; SBL256894
                2.57.122.0/24 ; SBL636050
                2001:db8:dead::/48 ; SBL000000
                """);
        assertThat(upstream.entries()).extracting(FeedEntry::network)
                .containsExactly(cidr("1.10.16.0/20"), cidr("2.57.122.0/24"), cidr("2001:db8:dead::/48"));
    }

    @Test
    void readsTheAlienVaultReputationFormatWithActivityAsContext() {
        FeedContent c = parse("alienvault", Map.of(), FeedSnapshots.read("alienvault-reputation/reputation.data"));
        assertThat(c.rejected()).isZero();
        assertThat(c.entries()).as("51,778 lines; 1,666 carry two activities").hasSize(53_444);
        assertThat(c.entries().stream().map(FeedEntry::network).distinct()).hasSize(51_778);
        assertThat(c.entries()).contains(new FeedEntry(cidr("46.4.123.15"), "Malicious Host"),
                new FeedEntry(cidr("116.117.253.243"), "Scanning Host"));
        assertThat(c.entries().stream().map(FeedEntry::context).distinct()).contains("Spamming");
    }

    @Test
    void readsIpsumAsTabSeparatedCsvAndItsLevelFilesAsPlain() {
        FeedContent all = parse("csv", Map.of("delimiter", "tab", "column", 1), FeedSnapshots.read("ipsum/ipsum.txt"));
        assertThat(all.entries()).hasSize(120_430);
        assertThat(all.rejected()).isZero();
        assertThat(all.entries().get(0).network()).isEqualTo(cidr("77.90.185.20"));
        FeedContent level3 = parse("plain", Map.of(), FeedSnapshots.read("ipsum/levels/3.txt"));
        assertThat(level3.entries()).hasSize(14_217);
    }

    @Test
    void readsCsvColumnsByNumberOrHeaderNameWithPrefixAndContextColumns() {
        String dshield = """
                #   DShield.org Recommended Block List
                Start\tEnd\tNetblock\tAttacks\tName\tCountry\temail
                45.135.232.0\t45.135.232.255\t24\t7411\tMaxiDed\tNL\tabuse@example.net
                80.94.95.0\t80.94.95.255\t24\t5035\t"Cloud, Ltd"\tRO\tabuse@example.org
                """;
        FeedContent c = parse("csv", Map.of("delimiter", "tab", "column", 1, "prefix_column", 3, "header", true), dshield);
        assertThat(c.entries()).extracting(FeedEntry::network).containsExactly(cidr("45.135.232.0/24"), cidr("80.94.95.0/24"));
        FeedContent named = parse("csv", Map.of("column", "ip", "context_column", "reason"), """
                ip,reason,first_seen
                198.51.100.7,"SSH brute force, 4000 tries",2026-08-01
                not-an-ip,junk,2026-08-01
                2001:db8::66,Phishing kit host,2026-08-02
                """);
        assertThat(named.entries()).containsExactly(new FeedEntry(cidr("198.51.100.7"), "SSH brute force, 4000 tries"),
                new FeedEntry(cidr("2001:db8::66"), "Phishing kit host"));
        assertThat(named.rejected()).isEqualTo(1);
        assertThat(named.examples()).containsExactly("not-an-ip,junk,2026-08-01");
    }

    @Test
    void rejectsUnknownFormatsAndOptionsListingEveryProblem() {
        assertThatThrownBy(() -> FeedFormats.parser("xml", Map.of())).hasMessageContaining("format must be one of");
        assertThatThrownBy(() -> FeedFormats.parser("csv", Map.of("colum", 2, "delimiter", ";;")))
                .isInstanceOfSatisfying(FeedException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("colum").hasMessageContaining("delimiter");
        assertThatThrownBy(() -> FeedFormats.parser("plain", Map.of("column", 2))).hasMessageContaining("unknown option");
    }

    @Test
    void readsStixIndicatorsHonouringValidityRevocationAndPatternKind() {
        String bundle = """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--a", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '198.51.100.7']", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--b", "pattern_type": "stix",
                   "pattern": "[ipv4-addr:value = '203.0.113.0/24' OR ipv6-addr:value = '2001:db8::/32'] OR [ipv4-addr:value ISSUBSET '192.0.2.0/25']",
                   "valid_from": "2026-01-01T00:00:00Z", "valid_until": "2027-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--expired", "pattern": "[ipv4-addr:value = '198.51.100.8']",
                   "valid_from": "2025-01-01T00:00:00Z", "valid_until": "2026-08-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--future", "pattern": "[ipv4-addr:value = '198.51.100.9']",
                   "valid_from": "2027-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--revoked", "revoked": true, "pattern": "[ipv4-addr:value = '198.51.100.10']",
                   "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--domain", "pattern": "[domain-name:value = 'evil.example']",
                   "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--and", "pattern": "[ipv4-addr:value = '198.51.100.11' AND network-traffic:dst_port = 22]",
                   "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "malware", "id": "malware--x", "name": "Emotet"}
                ]}""";
        FeedContent c = parse("stix2", Map.of(), bundle);
        assertThat(c.entries()).extracting(e -> e.network().toString())
                .containsExactly("198.51.100.7", "203.0.113.0/24", "2001:db8::/32", "192.0.2.0/25");
        assertThat(c.rejected()).as("the domain and the AND pattern").isEqualTo(2);
        assertThat(parse("stix2", Map.of(), "not json").rejected()).isEqualTo(1);
    }

    @Test
    void accumulatesTaxiiPagesByIdDroppingRevokedAndExpiredIndicators() throws Exception {
        Taxii2Envelope first = Taxii2Envelope.parse("""
                {"more": true, "next": "p2", "objects": [
                  {"type": "indicator", "id": "indicator--a", "modified": "2026-08-01T00:00:00Z",
                   "pattern": "[ipv4-addr:value = '198.51.100.7']", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--b", "modified": "2026-08-01T00:00:00Z",
                   "pattern": "[ipv4-addr:value = '198.51.100.8']", "valid_from": "2026-01-01T00:00:00Z"}]}""");
        assertThat(first.more()).isTrue();
        assertThat(first.next()).isEqualTo("p2");
        String kept = Taxii2Envelope.merge(null, first.objects(), NOW);
        Taxii2Envelope second = Taxii2Envelope.parse("""
                {"objects": [
                  {"type": "indicator", "id": "indicator--b", "modified": "2026-08-20T00:00:00Z", "revoked": true,
                   "pattern": "[ipv4-addr:value = '198.51.100.8']", "valid_from": "2026-01-01T00:00:00Z"},
                  {"type": "indicator", "id": "indicator--c", "modified": "2026-08-20T00:00:00Z",
                   "pattern": "[ipv6-addr:value = '2001:db8::1']", "valid_from": "2026-01-01T00:00:00Z"}]}""");
        kept = Taxii2Envelope.merge(kept, second.objects(), NOW);
        assertThat(parse("taxii2", Map.of(), kept).entries()).extracting(e -> e.network().toString())
                .containsExactly("198.51.100.7", "2001:db8::1");
    }

    @Test
    void neverThrowsOnRandomInput() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String alphabet = "0123456789abcdef.:/#;, \t\n\"'[]{}=ORipv4-addr:value";
        for (String format : FeedFormats.NAMES) {
            FeedParser parser = FeedFormats.parser(format, Map.of());
            for (int i = 0; i < 2_000; i++) {
                StringBuilder s = new StringBuilder();
                for (int j = r.nextInt(0, 80); j > 0; j--) {
                    s.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                assertThat(parser.parse(s.toString(), NOW)).isNotNull();
            }
        }
    }

    @Test
    void catalogueFeedsAreValidAndUseEveryFormatTheyNeed() {
        Map<String, FeedDefinition> feeds = FeedCatalogue.defaults();
        assertThat(feeds).containsKeys("blocklist_de", "et_compromised", "alienvault_reputation", "spamhaus_drop",
                "spamhaus_edrop", "feodo_tracker", "tor_exit_nodes", "firehol_level1", "dshield", "ipsum");
        assertThat(feeds.values()).allSatisfy(f -> {
            assertThat(f.url()).startsWith("https://");
            assertThat(f.context()).isNotBlank();
            assertThat(f.parser()).isNotNull();
        });
        assertThat(List.copyOf(feeds.values()).stream().map(FeedDefinition::format).distinct())
                .contains("plain", "netset", "alienvault", "csv");
    }
}
