package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.ArrayList;
import java.util.List;
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
    void takesTheAddressOfTheCompleteFromPortSshClauseNotOneInTheDetails() {
        Event e = new Event();
        new SshdParser().parse("Failed password for user from 192.0.2.1 port 20000 ssh1: ruser from 198.51.100.2", e);
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.1");
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("user");
        Event forged = new Event();
        new SshdParser().parse("Failed password for invalid user test from 192.0.2.1 port 58946 ssh2: "
                + "from 198.51.100.2 port 55555 ssh2", forged);
        assertThat(forged.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.1");
        Event inUser = new Event();
        new SshdParser().parse("Failed password for invalid user test from 198.51.100.2 port 55555 ssh2 "
                + "from 192.0.2.1 port 58946 ssh2", inUser);
        assertThat(inUser.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.1");
    }

    @Test
    void readsAClosedConnectionOfAnInvalidUserWithoutName() {
        Event e = new Event();
        assertThat(new SshdParser().parse("Connection closed by invalid user 192.0.2.4 port 36797 [preauth]", e)).isTrue();
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.4");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo(36797L);
        assertThat(e.has(Ecs.USER_NAME)).isFalse();
    }

    @Test
    void readsAStartedSession() {
        Event e = new Event();
        assertThat(new SshdParser().parse("Starting session: command for nagios from 192.0.2.5 port 58752 id 0", e)).isTrue();
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("nagios");
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.5");
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("ssh_session_started");
    }

    @Test
    void takesPamsRemoteHostNotOneForgedInTheRemoteOrTargetUser() {
        Event inRemoteUser = new Event();
        new PamParser().parse("pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser=test "
                + "rhost=198.51.100.9 rhost=192.0.2.1", inRemoteUser);
        assertThat(inRemoteUser.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.1");
        Event inUser = new Event();
        new PamParser().parse("pam_unix(auth): authentication failure; logname= uid=0 euid=0 tty=xxx ruser= "
                + "rhost=192.0.2.2 user=test rhost=198.51.100.9", inUser);
        assertThat(inUser.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.2");
        assertThat(inUser.get(Ecs.USER_NAME)).isEqualTo("test rhost=198.51.100.9");
    }

    @Test
    void readsAFaillockLockout() {
        Event e = new Event();
        assertThat(new PamParser().parse(
                "pam_faillock(sshd:auth): Consecutive login failures for user JDOE account temporarily locked", e)).isTrue();
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("JDOE");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
    }

    @Test
    void readsABadProtocolIdentificationAsAFailedConnection() {
        Event e = new Event();
        assertThat(new SshdParser().parse("Bad protocol version identification '\\003' from 192.0.2.4 port 407", e)).isTrue();
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.4");
        assertThat(e.get(Ecs.SOURCE_PORT)).isEqualTo(407L);
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
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
        HostileInputs random = new HostileInputs(42, bodies);
        for (int i = 0; i < 20_000; i++) {
            String body = random.next();
            for (SyslogProgramParser p : parsers) {
                Event e = new Event();
                boolean understood;
                try {
                    understood = p.parse(body, e);
                } catch (RuntimeException ex) {
                    throw new AssertionError(p.getClass().getSimpleName() + " threw on " + HostileInputs.escape(body), ex);
                }
                assertThat(e.has(Ecs.EVENT_ACTION)).as("action iff understood: %s", HostileInputs.escape(body)).isEqualTo(understood);
            }
        }
    }
}
