package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesParserTest extends LineParserTestCase {
    private static final String FIELDS = "IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.2 LEN=40 PROTO=TCP SPT=1 DPT=2 SYN";

    @Override
    Parser parser() {
        return new IptablesParser();
    }

    @Override
    String type() {
        return "iptables";
    }

    @Override
    String dataset() {
        return IptablesParser.DATASET;
    }

    @Test
    void namesUfwActionsWithUnderscores() {
        Event e = event(parser(), "Nov 28 10:00:00 h kernel: [1.2] [UFW BLOCK] " + FIELDS);
        assertThat(e.get("event.action")).isEqualTo("ufw_block");
        assertThat(e.get("event.type")).isEqualTo(List.of("denied", "connection"));
        assertThat(e.get("event.outcome")).isEqualTo("failure");
        assertThat(e.get("network.transport")).isEqualTo("tcp");
    }

    @Test
    void leavesTheOutcomeOpenWithoutAVerdict() {
        Event e = event(parser(), "Nov 28 10:00:00 h kernel: [1.2] [UFW AUDIT] " + FIELDS);
        assertThat(e.get("event.action")).isEqualTo("ufw_audit");
        assertThat(e.get("event.type")).isEqualTo(List.of("connection"));
        assertThat(e.has("event.outcome")).isFalse();
    }

    @Test
    void leavesTheTimeToThePipelineWhenTheLineHasNone() {
        Event e = event(parser(), FIELDS);
        assertThat(e.timestamp()).isNull();
        assertThat(e.get("source.port")).isEqualTo(1L);
    }

    @Test
    void ignoresThePacketQuotedByAnIcmpError() {
        Event e = event(parser(), "IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.2 LEN=88 PROTO=ICMP TYPE=3 CODE=3 "
                + "[SRC=192.0.2.2 DST=192.0.2.9 LEN=60 PROTO=UDP SPT=53 DPT=999 LEN=40 ]");
        assertThat(e.get("iptables.length")).isEqualTo(88L);
        assertThat(e.has("destination.port")).isFalse();
        assertThat(e.has("iptables.udp.length")).isFalse();
    }
}
