package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NginxErrorParserTest extends LineParserTestCase {
    @Override
    Parser parser() {
        return new NginxErrorParser();
    }

    @Override
    String type() {
        return "nginx_error";
    }

    @Override
    String dataset() {
        return NginxErrorParser.DATASET;
    }

    @Test
    void readsALineRelayedThroughSyslogKeepingItsOwnTime() {
        String line = "Jan  1 00:00:00 web1 nginx[983478]: 2023/12/09 21:35:20 [error] 983478#983478: *3 user \"x\" "
                + "was not found in \"/etc/nginx/htpasswd\", client: 192.0.2.9, server: example.com";
        Event e = event(parser(), line);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2023-12-09T21:35:20Z"));
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.9");
        assertThat(e.get("host.name")).isEqualTo("web1");
        assertThat(e.get("process.name")).isEqualTo("nginx");
        assertThat(e.get("message")).isEqualTo(line);
    }

    @Test
    void readsLocalTimeWithoutOffsetAsUtc() {
        Event e = event(parser(), "2024/01/02 03:04:05 [error] 1#1: boom");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void keepsTheWholeTextWhenThereIsNoContext() {
        Event e = event(parser(), "2024/01/02 03:04:05 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address in use)");
        assertThat(e.get("error.message")).isEqualTo("bind() to 0.0.0.0:80 failed (98: Address in use)");
        assertThat(e.has("source.ip")).isFalse();
        assertThat(e.has("nginx.error.connection_id")).isFalse();
    }

    @Test
    void putsAClientNameInSourceDomain() {
        Event e = event(parser(), "2024/01/02 03:04:05 [error] 1#1: *2 x, client: gw.example.com, server: a");
        assertThat(e.get("source.domain")).isEqualTo("gw.example.com");
        assertThat(e.has("source.ip")).isFalse();
    }

    @Test
    void staysLinearOnContextCraftedByAClient() {
        String crafted = ", x: \"a".repeat(20_000);
        long start = System.nanoTime();
        parse(parser(), "2024/01/02 03:04:05 [error] 1#1: *2 y, client: 1.2.3.4" + crafted);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
