package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.EventJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelFormatTest {
    private static Map<?, ?> json(String s) throws Exception {
        return EventJson.MAPPER.readValue(s, Map.class);
    }

    @Test
    void readsAnEmailChannelWithItsOwnSmtpServer() throws Exception {
        Channel c = ChannelFormat.fromMap(json("""
                {"name": "default", "type": "email", "to": ["soc@example.com"],
                 "smtp": {"host": "mail.example.com", "port": 465, "tls": "tls", "user": "vigil", "password": "pw",
                          "from": "vigil@example.com"}}"""), null);

        assertThat(c).isEqualTo(new EmailChannel("default", List.of("soc@example.com"),
                new Smtp("mail.example.com", 465, Smtp.Tls.TLS, "vigil", "pw", "vigil@example.com", null)));
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        assertThatThrownBy(() -> ChannelFormat.fromMap(json("""
                {"name": "Bad Name", "type": "email", "to": ["not-an-address"], "colour": "red",
                 "smtp": {"port": 70000, "tls": "ssl"}}"""), null))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anySatisfy(p -> assertThat(p).startsWith("name:"))
                        .anySatisfy(p -> assertThat(p).startsWith("to:").contains("not-an-address"))
                        .anySatisfy(p -> assertThat(p).startsWith("colour:"))
                        .anySatisfy(p -> assertThat(p).startsWith("smtp.host:"))
                        .anySatisfy(p -> assertThat(p).startsWith("smtp.port:"))
                        .anySatisfy(p -> assertThat(p).startsWith("smtp.tls")));
        assertThatThrownBy(() -> ChannelFormat.fromMap(json("{\"name\": \"x\", \"type\": \"pager\"}"), null))
                .hasMessageContaining("type: must be email, webhook or slack");
        assertThatThrownBy(() -> ChannelFormat.fromMap(json("""
                {"name": "w", "type": "webhook", "url": "ftp://x", "headers": {"Content-Length": "1", "X-A": "a\\nb"}}"""), null))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void theApiShapeHidesSecretsAndSendingItBackKeepsThem() throws Exception {
        WebhookChannel stored = new WebhookChannel("siem", "https://siem.example/hook", Map.of("Authorization", "Bearer t0k"), "key");
        Map<String, Object> shown = stored.toMap(false);
        assertThat(EventJson.MAPPER.writeValueAsString(shown)).doesNotContain("t0k").doesNotContain("\"key\"")
                .contains("\"secret_set\":true");

        assertThat(ChannelFormat.fromMap(shown, stored)).isEqualTo(stored);

        SlackChannel slack = new SlackChannel("slack", "https://hooks.slack.example/services/T/B/secret");
        assertThat(slack.toMap(false).toString()).doesNotContain("secret");
        assertThat(ChannelFormat.fromMap(slack.toMap(false), slack)).isEqualTo(slack);

        EmailChannel email = new EmailChannel("default", List.of("soc@example.com"),
                new Smtp("mail.example.com", 0, Smtp.Tls.STARTTLS, "u", "pw", null, null));
        assertThat(email.toMap(false).toString()).doesNotContain("pw").contains("password_set=true");
        assertThat(ChannelFormat.fromMap(email.toMap(false), email)).isEqualTo(email);
    }

    @Test
    void anExplicitNullRemovesASecret() throws Exception {
        WebhookChannel stored = new WebhookChannel("siem", "https://siem.example/hook", Map.of(), "key");

        Channel c = ChannelFormat.fromMap(json("{\"name\": \"siem\", \"type\": \"webhook\", \"url\": \"https://siem.example/hook\", \"secret\": null}"), stored);

        assertThat(((WebhookChannel) c).secret()).isNull();
    }
}
