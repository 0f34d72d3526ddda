package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApacheErrorParserTest extends LineParserTestCase {
    @Override
    Parser parser() {
        return new ApacheErrorParser();
    }

    @Override
    String type() {
        return "apache_error";
    }

    @Override
    String dataset() {
        return ApacheErrorParser.DATASET;
    }

    @Test
    void readsTheClientPortAModuleWroteOnALineWithoutModule() {
        Event e = event(parser(), "[Sat Sep 28 09:18:06 2018] [error] [client 192.0.2.1:55555] [client 192.0.2.1] "
                + "ModSecurity: Access denied with code 403 (phase 2).");
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.1");
        assertThat(e.get("source.port")).isEqualTo(55555L);
    }

    @Test
    void keepsMicrosecondsOfVersion24() {
        Event e = event(parser(), "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 1] AH00001: x");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2000-10-11T14:32:52.123456Z"));
    }

    @Test
    void readsAVersion22ClientAsAnAddressWithoutPort() {
        Event e = event(parser(), "[Sun Dec 04 04:47:44 2005] [error] [client 2001:db8::1] File does not exist: /x");
        assertThat(e.get("source.ip")).isEqualTo("2001:db8::1");
        assertThat(e.has("source.port")).isFalse();
    }

    @Test
    void takesOnlyTheFirstClientWhenModSecurityRepeatsIt() {
        Event e = event(parser(),
                "[Mon Apr 15 15:44:09.056862 2024] [:error] [pid 2] [client 192.0.2.1:53375] [client 192.0.2.9] ModSecurity: x");
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.1");
        assertThat(e.get("error.message")).isEqualTo("ModSecurity: x");
    }
}
