package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {
    @Test
    void defaultsLinkToLoopbackAndRetryFromOneSecondDoublingToFiveMinutes() {
        NotifyConfig c = NotifyConfig.defaults();

        assertThat(c.publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(c.smtp()).isNull();
        assertThat(c.retry().delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retry().delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.retry().delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.retry().delay(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.retry().delay(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void environmentOverridesTheYamlFileAndThePasswordIsNeverPrinted() {
        Path file = Path.of("vigil.yml");
        NotifyConfig c = NotifyConfig.defaults().withYaml(file, Map.of(
                "public_url", "https://vigil.example/",
                "smtp", Map.of("host", "relay.example", "port", 25, "tls", "none", "from", "vigil@example.com"),
                "notify", Map.of("retry_initial", "10ms", "max_attempts", 3)));
        c = c.withEnvironment(Map.of("VIGIL_SMTP_HOST", "mail.example.com", "VIGIL_SMTP_PORT", "587",
                "VIGIL_SMTP_TLS", "starttls", "VIGIL_SMTP_USER", "vigil", "VIGIL_SMTP_PASSWORD", "hunter2"));

        assertThat(c.publicUrl()).isEqualTo("https://vigil.example");
        assertThat(c.smtp()).isEqualTo(new Smtp("mail.example.com", 587, Smtp.Tls.STARTTLS, "vigil", "hunter2",
                "vigil@example.com", null));
        assertThat(c.retry().initial()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.retry().maxAttempts()).isEqualTo(3);
        assertThat(c.toString()).doesNotContain("hunter2");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> NotifyConfig.defaults().withEnvironment(Map.of("VIGIL_SMTP_TLS", "ssl")))
                .hasMessageContaining("VIGIL_SMTP_HOST").hasMessageContaining("VIGIL_SMTP_TLS: must be none, starttls or tls");
        assertThatThrownBy(() -> NotifyConfig.defaults().withYaml(Path.of("v.yml"), Map.of("notify", Map.of("retries", 3))))
                .hasMessageContaining("notify.retries");
        assertThatThrownBy(() -> NotifyConfig.defaults().withPublicUrl("vigil.example"))
                .hasMessageContaining("public_url");
    }
}
