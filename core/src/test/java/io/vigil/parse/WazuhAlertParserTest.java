package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import org.junit.jupiter.api.Test;

class WazuhAlertParserTest extends ParserContract {
    private final WazuhAlertParser parser = new WazuhAlertParser("wazuh.alerts");

    @Override
    Parser parser() {
        return parser;
    }

    @Override
    String type() {
        return "wazuh";
    }

    @Override
    String dataset() {
        return "wazuh.alerts";
    }

    @Test
    void keepsTheRawAlertAsTheMessageWhenThereIsNoFullLog() {
        String raw = "{\"timestamp\":\"2024-03-01T10:00:00.000+0000\",\"rule\":{\"id\":\"1\",\"level\":2}}";
        Event e = single(parser.parse(RawEvent.of(raw)));
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo(raw);
        assertThat(e.get("event.severity")).isEqualTo(2L);
    }

    @Test
    void keepsTheOutcomeOfAFindingWithoutCategory() {
        Event e = single(parser.parse(RawEvent.of("{\"@timestamp\":\"2026-01-05T08:00:00Z\",\"event\":{\"outcome\":\"success\"},"
                + "\"wazuh\":{\"rule\":{\"id\":\"x-1\",\"tags\":[\"execution\"]}}}")));
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(e.get(Ecs.EVENT_CATEGORY)).isEqualTo(java.util.List.of("intrusion_detection"));
    }

    @Test
    void readsTheLevelWhenWrittenAsText() {
        Event e = single(parser.parse(RawEvent.of("{\"rule\":{\"id\":\"1\",\"level\":\"12\"}}")));
        assertThat(e.get("event.severity")).isEqualTo(12L);
    }
}
