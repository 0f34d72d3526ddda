package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsListenOnLoopback8080WithDataInDotData() {
        VigilConfig c = VigilConfig.defaults();
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void environmentOverridesYamlWhichOverridesDefaults() throws Exception {
        Path yaml = Files.writeString(dir.resolve("vigil.yml"), """
                data: /var/lib/vigil
                http_port: 9000
                retention_days: 30
                ingest:
                  max_body_bytes: 2048
                  queue_wait: 500ms
                """);
        VigilConfig c = VigilConfig.defaults().withYaml(yaml).withEnvironment(Map.of("VIGIL_HTTP_PORT", "9100"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/vigil"));
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.retentionDays()).isEqualTo(30);
        assertThat(c.maxBodyBytes()).isEqualTo(2048);
        assertThat(c.ingestQueueWait()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void notificationSettingsComeFromTheYamlFileAndTheEnvironment() throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yml"), """
                public_url: https://vigil.example.com
                smtp: {host: relay.example.com, port: 25, tls: none, from: vigil@example.com}
                notify: {max_attempts: 5}
                """);
        VigilConfig c = VigilConfig.defaults().withYaml(yaml).withEnvironment(Map.of("VIGIL_SMTP_PASSWORD", "pw"))
                .withHttp("0.0.0.0", 9000);
        assertThat(c.notifications().publicUrl()).isEqualTo("https://vigil.example.com");
        assertThat(c.notifications().smtp().host()).isEqualTo("relay.example.com");
        assertThat(c.notifications().smtp().password()).isEqualTo("pw");
        assertThat(c.notifications().retry().maxAttempts()).isEqualTo(5);
        assertThat(c.toString()).doesNotContain("password=pw").contains("password=***");
    }

    @Test
    void unknownOrInvalidSettingsAreNamed() throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yml"), "htp_port: 1\ningest:\n  max_bodybytes: 3\n");
        assertThatThrownBy(() -> VigilConfig.defaults().withYaml(yaml)).hasMessageContaining("htp_port");
        Path invalid = Files.writeString(dir.resolve("invalid.yml"), "http_port: 70000\n");
        assertThatThrownBy(() -> VigilConfig.defaults().withYaml(invalid)).hasMessageContaining("0-65535");
    }
}
