package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic {@code json} type: flattening, time detection, failures, and the hostile input contract. */
class JsonParserTest implements HostileInputContract {
    private final JsonParser parser = new JsonParser("json");

    @Override
    public Parser parserUnderTest() {
        return parser;
    }

    @Override
    public List<String> validSamples() {
        return List.of(
                "{\"@timestamp\":\"2024-01-02T03:04:05Z\",\"message\":\"login failed\",\"user\":{\"name\":\"bob\"}}",
                "{\"ts\":1700000000,\"level\":\"warn\",\"source\":{\"ip\":\"192.0.2.1\",\"port\":443}}",
                "{\"time\":\"2024-01-02T03:04:05.123+01:00\",\"tags\":[\"a\",\"b\"],\"n\":[{\"x\":1}]}",
                "{\"date\":1700000000123,\"event\":{\"dataset\":\"app.audit\"},\"ok\":true,\"nothing\":null}");
    }

    @Test
    void flattensObjectsAndTakesTheFirstTimeFieldItCanRead() {
        Event e = ParserContract.single(parser.parse(RawEvent.of(validSamples().get(0))));
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(e.get(Ecs.USER_NAME)).isEqualTo("bob");
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo("login failed");
        Event epoch = ParserContract.single(parser.parse(RawEvent.of(validSamples().get(1))));
        assertThat(epoch.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(epoch.get(Ecs.MESSAGE)).isEqualTo(validSamples().get(1));
    }

    @Test
    void leavesOutATimeBeyondTheYearsAnInstantHolds() {
        Event e = ParserContract.single(parser.parse(RawEvent.of("{\"time\":-1287903286124743873,\"a\":1}")));
        assertThat(e.timestamp()).isNull();
    }

    @Test
    void keepsTheDatasetADocumentNamesItself() {
        Event e = ParserContract.single(parser.parse(RawEvent.of(validSamples().get(3))));
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("app.audit");
    }

    @Test
    void explainsWhatIsNotAJsonObject() {
        assertThat(parser.parse(RawEvent.of("[1,2]"))).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).contains("expected a JSON object"));
        assertThat(parser.parse(RawEvent.of("{\"a\":"))).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).contains("invalid JSON"));
    }
}
