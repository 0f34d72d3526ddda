package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubernetesAuditParserTest extends ParserContract {
    private final KubernetesAuditParser parser = new KubernetesAuditParser("kubernetes.audit");

    @Override
    Parser parser() {
        return parser;
    }

    @Override
    String type() {
        return "k8s_audit";
    }

    @Override
    String dataset() {
        return "kubernetes.audit";
    }

    @Test
    void keepsTheResponseCodeAsALong() {
        Event e = single(parser.parse(RawEvent.of(
                "{\"auditID\":\"x\",\"verb\":\"get\",\"requestURI\":\"/healthz\",\"responseStatus\":{\"code\":200}}")));
        assertThat(e.get("kubernetes.audit.responseStatus.code")).isEqualTo(200L);
        assertThat(e.get(Ecs.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    }

    @Test
    void skipsASourceThatIsNotAnIpAddress() {
        Event e = single(parser.parse(RawEvent.of(
                "{\"auditID\":\"x\",\"verb\":\"get\",\"requestURI\":\"/\",\"sourceIPs\":[\"not-an-ip\"]}")));
        assertThat(e.has(Ecs.SOURCE_IP)).isFalse();
        assertThat(e.get("kubernetes.audit.sourceIPs")).asList().containsExactly("not-an-ip");
    }

    @Test
    void keepsTheRawLineAsTheMessageOfASingleEvent() {
        String raw = "{\"auditID\":\"x\", \"verb\":\"get\", \"requestURI\":\"/\"}";
        assertThat(single(parser.parse(RawEvent.of(raw))).get(Ecs.MESSAGE)).isEqualTo(raw);
    }

    @Test
    void leavesOutADurationFromNonsenseTimes() {
        Event e = single(parser.parse(RawEvent.of("{\"auditID\":\"x\",\"stage\":\"ResponseComplete\","
                + "\"requestReceivedTimestamp\":\"0001-01-01T00:00:00Z\",\"stageTimestamp\":\"9999-12-31T23:59:59Z\"}")));
        assertThat(e.has("event.duration")).isFalse();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }
}
