package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogConfigTest {
    @TempDir
    Path dir;

    @Test
    void listensOnUdpAndTcp5514ByDefault() {
        assertThat(SyslogConfig.defaults().listeners()).containsExactly(SyslogConfig.Listener.plain(5514));
    }

    @Test
    void readsListenersProgramsAndLimitsFromYaml() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.yml"), """
                http_port: 8080
                syslog:
                  port: 1514
                  bind: 0.0.0.0
                  programs:
                    billing: json
                    nginx: [nginx, nginx_error]
                  listeners:
                    - port: 6514
                      tls: {certificate: /etc/vigil/cert.pem, key: /etc/vigil/key.pem}
                  max_connections: 50
                  batch_wait: 20ms
                """);
        SyslogConfig c = SyslogConfig.defaults().withYaml(file);
        assertThat(c.listeners()).hasSize(2);
        SyslogConfig.Listener main = c.listeners().get(0);
        assertThat(main.port()).isEqualTo(1514);
        assertThat(main.bind()).isEqualTo("0.0.0.0");
        assertThat(main.udp()).isTrue();
        assertThat(main.programs()).isEqualTo(Map.of("billing", List.of("json"), "nginx", List.of("nginx", "nginx_error")));
        SyslogConfig.Listener tls = c.listeners().get(1);
        assertThat(tls.udp()).as("TLS is TCP only").isFalse();
        assertThat(tls.tls().certificate()).isEqualTo(Path.of("/etc/vigil/cert.pem"));
        assertThat(c.maxConnections()).isEqualTo(50);
        assertThat(c.batchWait()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.batchLines()).isEqualTo(SyslogConfig.defaults().batchLines());
        assertThat(c.writers()).isEqualTo(2);
    }

    @Test
    void portZeroTurnsTheListenerOff() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.yml"), "syslog:\n  port: 0\n");
        assertThat(SyslogConfig.defaults().withYaml(file).listeners()).isEmpty();
        assertThat(SyslogConfig.defaults().withPort(0).listeners()).isEmpty();
        assertThat(SyslogConfig.defaults().withEnvironment(Map.of("VIGIL_SYSLOG_PORT", "0")).listeners()).isEmpty();
        assertThat(SyslogConfig.disabled().withPort(1514).listeners()).containsExactly(SyslogConfig.Listener.plain(1514));
    }

    @Test
    void namesUnknownKeysAndBadValues() throws Exception {
        Path unknown = Files.writeString(dir.resolve("a.yml"), "syslog:\n  prot: 1514\n");
        assertThatThrownBy(() -> SyslogConfig.defaults().withYaml(unknown))
                .hasMessageContaining("syslog.prot").hasMessageContaining("syslog.port");
        Path udpTls = Files.writeString(dir.resolve("b.yml"), "syslog:\n  udp: true\n  tls: {certificate: c, key: k}\n");
        assertThatThrownBy(() -> SyslogConfig.defaults().withYaml(udpTls)).hasMessageContaining("TLS is TCP only");
        Path notNumber = Files.writeString(dir.resolve("c.yml"), "syslog:\n  max_connections: many\n");
        assertThatThrownBy(() -> SyslogConfig.defaults().withYaml(notNumber)).hasMessageContaining("syslog.max_connections");
        Path noKey = Files.writeString(dir.resolve("d.yml"), "syslog:\n  tls: {certificate: c}\n");
        assertThatThrownBy(() -> SyslogConfig.defaults().withYaml(noKey)).hasMessageContaining("certificate and key");
    }

    @Test
    void leavesSettingsAloneWithoutASyslogSection() throws Exception {
        Path file = Files.writeString(dir.resolve("vigil.yml"), "http_port: 9000\n");
        assertThat(SyslogConfig.defaults().withYaml(file)).isEqualTo(SyslogConfig.defaults());
    }
}
