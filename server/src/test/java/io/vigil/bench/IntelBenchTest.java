package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The threat-intel benchmarks on tiny inputs, so they keep running. The enrichment part reads the
 * feed snapshots in {@code ../shared/data} and the GeoIP database {@code .cache/geoip} when they
 * are there and says it skips them otherwise.
 */
class IntelBenchTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void measuresLoadHeapLookupsAndAReloadOnAFewThousandIndicators() throws Exception {
        IntelBench.Options tiny = new IntelBench.Options(20_000, 1, Duration.ofMillis(20), Duration.ofMillis(20), 2,
                Duration.ofMillis(100));
        IntelBench.Result r = new IntelBench(tiny, out).run();
        assertThat(r.iocs()).isEqualTo(20_000);
        assertThat(r.ranges()).isGreaterThan(20_000);
        assertThat(r.hitShare()).as("about half the queries are inside a listed entry").isBetween(0.4, 0.7);
        assertThat(r.text().best()).isPositive().isGreaterThanOrEqualTo(r.text().median());
        assertThat(r.parsed().median()).isPositive();
        assertThat(r.ipv4Long().median()).isPositive();
        assertThat(r.quiet().lookups()).isPositive();
        assertThat(r.reload().lookups()).as("the reader kept looking up during the reload").isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("bytes per indicator").contains("lookups/s")
                .contains("during reload");
    }

    @Test
    void generatesTheSameIndicatorsForTheSameSeed() {
        SyntheticIocs a = new SyntheticIocs(9, 1_000);
        SyntheticIocs b = new SyntheticIocs(9, 1_000);
        assertThat(a.body(3, 0)).isEqualTo(b.body(3, 0)).isNotEqualTo(a.body(3, 1));
        long v4 = 0;
        long networks = 0;
        for (int i = 0; i < 10_000; i++) {
            var e = a.entry(i, 0);
            v4 += e.ipv6() ? 0 : 1;
            networks += !e.ipv6() && !e.isAddress() ? 1 : 0;
        }
        assertThat(v4).isBetween(8_200L, 8_800L);
        assertThat(networks).isBetween(1_300L, 1_700L);
    }

    @Test
    void measuresEnrichmentCostWithWhateverFeedsAndGeoIpArePresent() throws Exception {
        String shared = System.getProperty("vigil.shared.data", "../../shared/data");
        Path geoip = Path.of("..", ".cache", "geoip", "geo-whois-asn-country.mmdb");
        EnrichmentBench.Options tiny = new EnrichmentBench.Options(2_000, 500, 1, Path.of(shared), geoip);
        EnrichmentBench.Result r = new EnrichmentBench(tiny, out).run();
        assertThat(r.rates().get(0).name()).isEqualTo("none");
        assertThat(r.rates()).allSatisfy(rate -> assertThat(rate.median()).isPositive());
        String text = printed.toString(StandardCharsets.UTF_8);
        if (Files.isDirectory(Path.of(shared, "firehol-ipsets"))) {
            assertThat(r.feeds()).containsKeys("firehol_level1", "tor_exit_nodes", "ipsum");
            assertThat(r.matchedShare()).as("the pool holds listed addresses").isPositive();
            assertThat(Double.isNaN(r.cost("threat intel"))).isFalse();
        } else {
            assertThat(text).contains("no feed snapshot");
        }
        if (Files.isRegularFile(geoip)) {
            assertThat(r.geoCached()).isPositive();
        } else {
            assertThat(text).contains("GeoIP: no database");
        }
    }
}
