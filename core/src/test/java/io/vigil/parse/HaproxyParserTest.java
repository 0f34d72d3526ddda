package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HaproxyParserTest extends LineParserTestCase {
    private static final String TCP =
            "10.0.0.1:1234 [04/Sep/2018:13:48:08.267] fe be/srv 1/0/3720 6465 -- 1/1/1/1/0 0/0";

    @Override
    Parser parser() {
        return new HaproxyParser();
    }

    @Override
    String type() {
        return "haproxy";
    }

    @Override
    String dataset() {
        return HaproxyParser.DATASET;
    }

    @Test
    void prefersTheAcceptDateToTheSyslogTime() {
        Event e = event(parser(), "Jan  1 00:00:00 lb haproxy[1]: " + TCP);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2018-09-04T13:48:08.267Z"));
        assertThat(e.get("host.name")).isEqualTo("lb");
    }

    @Test
    void endsATcpSessionNormallyOnlyWithTwoDashes() {
        assertThat(event(parser(), TCP).get("event.outcome")).isEqualTo("success");
        assertThat(event(parser(), TCP.replace(" -- ", " sD ")).get("event.outcome")).isEqualTo("failure");
    }

    @Test
    void readsARequestWhoseTargetWasSplitByANewline() {
        Event e = event(parser(), "10.0.0.1:1 [29/Feb/2024:14:01:19.832] fe~ be/s 0/0/0/67/73 200 397 - - ---- "
                + "1/1/1/1/0 0/0 \"POST \n/mapi/emsmdb/?MailboxId=x HTTP/1.1\"\n");
        assertThat(e.get("http.request.method")).isEqualTo("POST");
        assertThat(e.get("url.path")).isEqualTo("/mapi/emsmdb/");
        assertThat(e.get("http.version")).isEqualTo("1.1");
    }
}
