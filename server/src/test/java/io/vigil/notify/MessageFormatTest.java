package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFormatTest {
    @Test
    void theTextNamesRuleSeverityGroupCountTimesSamplesAndLink() {
        String text = MessageFormat.text(EmailSenderTest.notice());

        assertThat(text).contains("Burst of 401/403 responses to one client", "Rule:       nginx-401-403-burst",
                "Severity:   medium", "Group:      source.ip=203.0.113.66", "Count:      6 events",
                "First seen: 2026-11-28T10:00:00Z", "Last seen:  2026-11-28T10:00:50Z",
                "  203.0.113.66 - - [28/Nov/2026:10:00:00 +0000] \"POST /login HTTP/1.1\" 401",
                "Open in Vigil: http://vigil.example:8080/#/events/ev1");
    }

    @Test
    void textFromLogsCannotInjectHeadersOrSlackMarkup() throws Exception {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        Notice hostile = new Notice("ev2", "r", "Login failures", "high",
                Map.of("user.name", "eve\r\nBcc: victim@example.com"), 3, t, t,
                List.of("<!channel> <http://evil.example|click> \u001b[31mred"), "http://127.0.0.1:8080/#/events/ev2", false);

        assertThat(MessageFormat.subject(hostile)).doesNotContain("\r").doesNotContain("\n");
        assertThat(MessageFormat.text(hostile)).doesNotContain("\u001b").doesNotContain("\r\nBcc");
        JsonNode slack = EventJson.MAPPER.readTree(MessageFormat.slack(hostile));
        assertThat(slack.toString()).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
    }

    @Test
    void longSampleLinesAreCut() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        Notice n = new Notice("ev3", "r", "T", "low", Map.of(), 1, t, t, List.of("x".repeat(5000)), "http://h/#/events/ev3", false);

        assertThat(MessageFormat.text(n)).doesNotContain("x".repeat(MessageFormat.MAX_LINE + 1)).contains("Group:      all events");
    }

    @Test
    void aTestMessageSaysSo() {
        Notice n = Notice.test("http://vigil.example/", Instant.parse("2026-11-28T10:00:00Z"));

        assertThat(MessageFormat.subject(n)).isEqualTo("[Vigil] Test notification");
        assertThat(MessageFormat.text(n)).startsWith("This is a test notification from Vigil");
    }
}
