package io.vigil.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GeoIP on real MaxMind DB files read by the real reader: small ones written by the test in the
 * MaxMind City/ASN shapes and the flat ip-location-db shape, and the published ip-location-db
 * country database when {@code .ci/fetch-geoip} has fetched it.
 */
class GeoIpEnricherTest {
    /** Where {@code .ci/fetch-geoip} puts the CC BY 4.0 ip-location-db database (repository root). */
    static final Path FETCHED = Path.of("..", ".cache", "geoip", "geo-whois-asn-country.mmdb");

    @TempDir
    Path dir;

    private GeoIpEnricher.Databases writeDatabases() throws Exception {
        Path city = dir.resolve("city.mmdb");
        new MmdbWriter("GeoLite2-City")
                .insert("81.2.69.0/24", Map.of(
                        "city", Map.of("names", Map.of("en", "London", "de", "London")),
                        "country", Map.of("iso_code", "GB", "names", Map.of("en", "United Kingdom")),
                        "location", Map.of("latitude", 51.5142, "longitude", -0.0931, "accuracy_radius", 10L)))
                .insert("2a02:8010::/32", Map.of("country", Map.of("iso_code", "GB", "names", Map.of("en", "United Kingdom"))))
                .write(city);
        Path asn = dir.resolve("asn.mmdb");
        new MmdbWriter("GeoLite2-ASN")
                .insert("81.2.64.0/19", Map.of("autonomous_system_number", 20712L,
                        "autonomous_system_organization", "Andrews & Arnold Ltd"))
                .write(asn);
        Path country = dir.resolve("country.mmdb");
        new MmdbWriter("country ipvAll")
                .insert("185.220.100.0/22", Map.of("country_code", "DE"))
                .insert("81.2.69.0/24", Map.of("country_code", "FR"))
                .write(country);
        return new GeoIpEnricher.Databases(city, asn, country);
    }

    @Test
    void addsCountryCityLocationAndOwnerFromMaxMindShapedDatabases() throws Exception {
        try (GeoIpEnricher geo = GeoIpEnricher.open(writeDatabases()).orElseThrow()) {
            Event e = new Event().put("source.ip", "81.2.69.160").put("destination.ip", "185.220.101.1");
            geo.enrich(e);
            assertThat(e.fields()).containsEntry("source.geo.country_iso_code", "GB")
                    .containsEntry("source.geo.country_name", "United Kingdom")
                    .containsEntry("source.geo.city_name", "London")
                    .containsEntry("source.geo.location.lat", 51.5142)
                    .containsEntry("source.geo.location.lon", -0.0931)
                    .containsEntry("source.as.number", 20712L)
                    .containsEntry("source.as.organization.name", "Andrews & Arnold Ltd");
            assertThat(e.fields()).as("flat ip-location-db record; the name comes from the ISO code")
                    .containsEntry("destination.geo.country_iso_code", "DE")
                    .containsEntry("destination.geo.country_name", "Germany")
                    .doesNotContainKeys("destination.geo.city_name", "destination.as.number");
        }
    }

    @Test
    void looksUpIpv6AndTagsPrivateAndReservedAddressesWithoutLookingThemUp() throws Exception {
        try (GeoIpEnricher geo = GeoIpEnricher.open(writeDatabases()).orElseThrow()) {
            Event v6 = new Event().put("source.ip", "2a02:8010:1::1").put("destination.ip", "10.1.2.3");
            geo.enrich(v6);
            assertThat(v6.fields()).containsEntry("source.geo.country_iso_code", "GB")
                    .containsEntry("destination.geo.name", "private")
                    .doesNotContainKey("destination.geo.country_iso_code");
            Event loop = new Event().put("source.ip", "127.0.0.1");
            geo.enrich(loop);
            assertThat(loop.fields()).containsEntry("source.geo.name", "reserved");
        }
    }

    @Test
    void leavesUnknownAddressesAndParserFieldsAlone() throws Exception {
        try (GeoIpEnricher geo = GeoIpEnricher.open(writeDatabases()).orElseThrow()) {
            Event unknown = new Event().put("source.ip", "198.51.100.9").put("destination.ip", "not-an-ip");
            geo.enrich(unknown);
            assertThat(unknown.fields()).containsOnlyKeys("source.ip", "destination.ip");
            Event parsed = new Event().put("source.ip", "81.2.69.160").put("source.geo.country_iso_code", "XX");
            geo.enrich(parsed);
            assertThat(parsed.fields()).containsOnlyKeys("source.ip", "source.geo.country_iso_code");
        }
    }

    @Test
    void isOffWhenNoDatabaseIsConfigured() throws Exception {
        assertThat(GeoIpEnricher.open(new GeoIpEnricher.Databases(null, null, null))).isEmpty();
    }

    @Test
    void neverThrowsOnRandomAddressText() throws Exception {
        try (GeoIpEnricher geo = GeoIpEnricher.open(writeDatabases()).orElseThrow()) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String alphabet = "0123456789abcdef.:/%x ";
            for (int i = 0; i < 5_000; i++) {
                StringBuilder s = new StringBuilder();
                for (int j = r.nextInt(1, 40); j > 0; j--) {
                    s.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                geo.enrich(new Event().put("source.ip", s.toString()).put("destination.ip", List.of(s.toString())));
            }
        }
    }

    @Test
    void readsThePublishedIpLocationDbCountryDatabase() throws Exception {
        assumeTrue(Files.isRegularFile(FETCHED), () -> FETCHED.toAbsolutePath().normalize()
                + " is absent: run .ci/fetch-geoip (npm pack @ip-location-db/geo-whois-asn-country-mmdb) to test against it");
        try (GeoIpEnricher geo = GeoIpEnricher.open(new GeoIpEnricher.Databases(null, null, FETCHED)).orElseThrow()) {
            Event e = new Event().put("source.ip", "8.8.8.8").put("destination.ip", "2a00:1450:4001::1");
            geo.enrich(e);
            assertThat(e.fields()).containsEntry("source.geo.country_iso_code", "US")
                    .containsEntry("source.geo.country_name", "United States")
                    .containsKey("destination.geo.country_iso_code");
            long start = System.nanoTime();
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                geo.lookup((i >>> 16 & 0xFF) + 1 + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF) + ".7");
            }
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            System.out.printf("GeoIP lookups (uncached, ip-location-db country): %,.0f/s%n", perSecond);
        }
    }
}
