package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code sshd} type ({@link SyslogParser#sshd()}) and the body parsers behind it. */
class SshdParserTest extends ParserTestCase {
    private final SyslogParser parser = SyslogParser.sshd();

    @Override
    protected Parser parser() {
        return parser;
    }

    @Override
    protected List<String> samples() {
        return ExpectedEvents.lines("parse/sshd/sshd.log");
    }

    @Test
    void readsSshdPamSudoAndSuMessages() {
        ExpectedEvents.assertMatches(parser, "sshd", "sshd");
    }

    @Test
    void takesTheAddressSshdAppendedNotOneInTheUserName() {
        Event e = new Event();
        new SshdParser().parse(
                "Invalid user x from 192.0.2.1 port 1 from 198.51.100.2 port 2222", e);
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("198.51.100.2");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo(2222L);
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("x from 192.0.2.1 port 1");
    }

    @Test
    void setsTheAuthDatasetEvenWhenTheBodyIsNotUnderstood() {
        Event e = new Event();
        assertThat(new SshdParser().parse("Received signal 15; terminating.", e)).isFalse();
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("system.auth");
        assertThat(e.has(Ecs.EVENT_ACTION)).isFalse();
    }

    @Test
    void bodyParsersNeverThrowOnRandomBodies() {
        List<String> bodies = new ArrayList<>();
        for (String line : samples()) {
            int colon = line.indexOf("]: ");
            bodies.add(colon < 0 ? line : line.substring(colon + 3));
        }
        List<SyslogProgramParser> parsers =
                List.of(new SshdParser(), new SudoParser(), new SuParser(), new PamParser());
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String body = randomLine(random, bodies);
            for (SyslogProgramParser p : parsers) {
                Event e = new Event();
                boolean understood;
                try {
                    understood = p.parse(body, e);
                } catch (RuntimeException ex) {
                    throw new AssertionError(p.getClass().getSimpleName() + " threw on " + escape(body), ex);
                }
                assertThat(e.has(Ecs.EVENT_ACTION)).as("action iff understood: %s", escape(body)).isEqualTo(understood);
            }
        }
    }
}
