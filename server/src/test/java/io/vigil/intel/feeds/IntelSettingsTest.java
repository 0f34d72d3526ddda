package io.vigil.intel.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsGeoipAndIntelFromYamlAndEnvironment() throws Exception {
        Path yaml = Files.writeString(dir.resolve("vigil.yml"), """
                geoip:
                  city: /srv/geo/GeoLite2-City.mmdb
                  asn: /srv/geo/GeoLite2-ASN.mmdb
                intel:
                  auto_refresh: false
                  retro_hunt: 3d
                """);
        VigilConfig c = VigilConfig.defaults().withYaml(yaml)
                .withEnvironment(Map.of("VIGIL_GEOIP_COUNTRY", "/srv/geo/country.mmdb", "VIGIL_INTEL_RETRO_HUNT", "14d"));
        IntelSettings s = c.intel();
        assertThat(s.geoip().city()).isEqualTo(Path.of("/srv/geo/GeoLite2-City.mmdb"));
        assertThat(s.geoip().asn()).isEqualTo(Path.of("/srv/geo/GeoLite2-ASN.mmdb"));
        assertThat(s.geoip().country()).isEqualTo(Path.of("/srv/geo/country.mmdb"));
        assertThat(s.autoRefresh()).isFalse();
        assertThat(s.retroHunt()).isEqualTo(Duration.ofDays(14));
        assertThat(c.withDataDir(dir).intel()).as("kept by the other settings").isEqualTo(s);
    }

    @Test
    void defaultsToNoGeoipScheduledRefreshAndASevenDayRetroHunt() {
        IntelSettings s = VigilConfig.defaults().intel();
        assertThat(s.geoip().any()).isFalse();
        assertThat(s.autoRefresh()).isTrue();
        assertThat(s.retroHunt()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theRunScriptsDefaultDatabaseIsUsedOnlyWhenNoneIsConfigured() throws Exception {
        Map<String, String> env = Map.of("VIGIL_GEOIP_DEFAULT_COUNTRY", "/opt/vigil/.cache/geoip/country.mmdb");
        assertThat(VigilConfig.defaults().withEnvironment(env).intel().geoip().country())
                .isEqualTo(Path.of("/opt/vigil/.cache/geoip/country.mmdb"));
        Path yaml = Files.writeString(dir.resolve("city.yml"), "geoip:\n  city: /srv/geo/GeoLite2-City.mmdb\n");
        IntelSettings configured = VigilConfig.defaults().withYaml(yaml).withEnvironment(env).intel();
        assertThat(configured.geoip().city()).isEqualTo(Path.of("/srv/geo/GeoLite2-City.mmdb"));
        assertThat(configured.geoip().country()).as("a configured database wins").isNull();
    }

    @Test
    void namesUnknownKeysAndBadValuesAtOnce() throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yml"), """
                geoip: {citty: /x.mmdb}
                intel: {auto_refresh: sometimes, retro_hunt: forever}
                """);
        assertThatThrownBy(() -> VigilConfig.defaults().withYaml(yaml))
                .hasMessageContaining("geoip.citty").hasMessageContaining("auto_refresh").hasMessageContaining("retro_hunt");
    }
}
