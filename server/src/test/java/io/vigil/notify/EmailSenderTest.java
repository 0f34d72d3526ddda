package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real SMTP (GreenMail, plain and SMTPS) on free ports. */
class EmailSenderTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil", "s3cret"));

    private final EmailSender sender = new EmailSender(Duration.ofSeconds(5));
    private final EmailChannel channel = new EmailChannel("default", List.of("soc@example.com", "oncall@example.com"), null);

    static Notice notice() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new Notice("ev1", "nginx-401-403-burst", "Burst of 401/403 responses to one client", "medium",
                Map.of("source.ip", "203.0.113.66"), 6, t, t.plusSeconds(50),
                List.of("203.0.113.66 - - [28/Nov/2026:10:00:00 +0000] \"POST /login HTTP/1.1\" 401 17 \"-\" \"hydra\""),
                "http://vigil.example:8080/#/events/ev1", false);
    }

    private Smtp plain(String password) {
        return new Smtp("127.0.0.1", MAIL.getSmtp().getPort(), Smtp.Tls.NONE, "vigil", password, "vigil@example.com", null);
    }

    @Test
    void deliversAPlainTextMessageToEveryRecipient() throws Exception {
        Delivery d = sender.send(plain("s3cret"), channel, notice(), "n1");

        assertThat(d).isInstanceOf(Delivery.Sent.class);
        assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Vigil] MEDIUM Burst of 401/403 responses to one client (source.ip=203.0.113.66)");
        assertThat(m.getFrom()[0].toString()).isEqualTo("vigil@example.com");
        assertThat(m.getHeader("X-Vigil-Delivery")).containsExactly("n1");
        String body = GreenMailUtil.getBody(m);
        assertThat(body).contains("Count:      6 events", "\"POST /login HTTP/1.1\" 401", "http://vigil.example:8080/#/events/ev1");
    }

    @Test
    void sendsOverTlsFromTheFirstByte() {
        Smtp tls = new Smtp("127.0.0.1", MAIL.getSmtps().getPort(), Smtp.Tls.TLS, "vigil", "s3cret", "vigil@example.com", "*");

        assertThat(sender.send(tls, channel, notice(), "n2")).isInstanceOf(Delivery.Sent.class);
        assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
    }

    @Test
    void refusesToSendThePasswordInClearWhenStarttlsIsNotOffered() {
        Smtp starttls = new Smtp("127.0.0.1", MAIL.getSmtp().getPort(), Smtp.Tls.STARTTLS, "vigil", "s3cret", "vigil@example.com", null);

        Delivery d = sender.send(starttls, channel, notice(), "n3");

        assertThat(d).isInstanceOf(Delivery.Failed.class);
        assertThat(((Delivery.Failed) d).reason()).containsIgnoringCase("STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAPermanentFailureThatDoesNotRevealThePassword() {
        Delivery d = sender.send(plain("wrong-password-xyz"), channel, notice(), "n4");

        assertThat(d).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.reason()).contains("authentication failed").doesNotContain("wrong-password-xyz");
        });
    }

    @Test
    void anUnreachableServerIsWorthARetry() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Smtp down = new Smtp("127.0.0.1", closedPort, Smtp.Tls.NONE, null, null, "vigil@example.com", null);

        Delivery d = sender.send(down, channel, notice(), "n5");

        assertThat(d).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.reason()).contains("127.0.0.1:" + closedPort);
        });
    }

    @Test
    void withoutASenderAddressNothingIsSent() {
        Smtp noFrom = new Smtp("127.0.0.1", MAIL.getSmtp().getPort(), Smtp.Tls.NONE, null, null, null, null);

        assertThat(sender.send(noFrom, channel, notice(), "n6")).isInstanceOfSatisfying(Delivery.Failed.class,
                f -> assertThat(f.reason()).contains("VIGIL_SMTP_FROM"));
    }
}
