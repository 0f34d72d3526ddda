package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcFlowParserTest extends LineParserTestCase {
    private static final String DEFAULT_RECORD =
            "2 123456789010 eni-1 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    @Override
    Parser parser() {
        return new VpcFlowParser();
    }

    @Override
    String type() {
        return "vpcflow";
    }

    @Override
    String dataset() {
        return VpcFlowParser.DATASET;
    }

    @Override
    public boolean answersHeadersWithoutEvents() {
        return true;
    }

    @Override
    boolean stateless() {
        // Header lines switch the layout; switchesToTheFieldsOfAHeaderLine covers that.
        return false;
    }

    @Test
    void usesTheStartAsTimestamp() {
        Event e = event(parser(), DEFAULT_RECORD);
        assertThat(e.timestamp()).isEqualTo(Instant.ofEpochSecond(1418530010));
        assertThat(e.get("event.end")).isEqualTo(Instant.ofEpochSecond(1418530070));
        assertThat(e.get("cloud.provider")).isEqualTo("aws");
    }

    @Test
    void switchesToTheFieldsOfAHeaderLine() {
        VpcFlowParser parser = new VpcFlowParser();
        ParseResult header = parse(parser, "srcaddr dstaddr action");
        assertThat(header).isEqualTo(new ParseResult.Parsed(List.of()));
        assertThat(parser.fields()).containsExactly("srcaddr", "dstaddr", "action");
        Event e = event(parser, "192.0.2.1 192.0.2.2 REJECT");
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.1");
        assertThat(e.get("event.outcome")).isEqualTo("failure");
    }

    @Test
    void takesAConfiguredFieldListInEitherSpelling() {
        VpcFlowParser parser = new VpcFlowParser(List.of("account_id", "srcaddr", "log-status"));
        Event e = event(parser, "123 192.0.2.1 OK");
        assertThat(e.get("cloud.account.id")).isEqualTo("123");
        assertThat(e.get("aws.vpcflow.log_status")).isEqualTo("OK");
    }

    @Test
    void rejectsUnknownConfiguredFieldsAllAtOnce() {
        assertThatThrownBy(() -> new VpcFlowParser(List.of("srcaddr", "src-adr", "bites")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("src-adr")
                .hasMessageContaining("bites");
        assertThatThrownBy(() -> new VpcFlowParser(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsDefaultRecordsWhateverTheConfiguredLayout() {
        VpcFlowParser parser = new VpcFlowParser(List.of("srcaddr", "dstaddr"));
        assertThat(event(parser, DEFAULT_RECORD).get("destination.port")).isEqualTo(22L);
    }

    @Test
    void failsWithAReasonRatherThanFillingWrongFields() {
        VpcFlowParser parser = new VpcFlowParser(List.of("srcaddr", "srcport"));
        ParseResult result = parse(parser, "22 192.0.2.1");
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        assertThat(((ParseResult.Failed) result).reason()).contains("srcaddr '22' is not an IP address");
    }
}
