package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Event;
import io.vigil.parse.FieldMapping.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldMappingTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    private static Event apply(Event e, FieldMapping... mappings) {
        FieldMapper.of(List.of(mappings)).apply(e, RECEIVED);
        return e;
    }

    @Test
    void renameMovesTheValueAndReplacesTheTarget() {
        Event e = apply(new Event().put("src", "10.0.0.1").put("source.ip", "old"), new FieldMapping.Rename("src", "source.ip"));
        assertThat(e.fields()).containsOnlyKeys("source.ip").containsEntry("source.ip", "10.0.0.1");
        assertThat(apply(new Event().put("x", 1L), new FieldMapping.Rename("absent", "y")).fields()).containsOnlyKeys("x");
    }

    @Test
    void bracketedNamesAreStoredDotted() {
        FieldMapping.Rename r = new FieldMapping.Rename("[source][address]", "[client][address]");
        assertThat(r.from()).isEqualTo("source.address");
        assertThat(r.to()).isEqualTo("client.address");
    }

    @Test
    void convertMakesWholeAndDecimalNumbers() {
        Event e = apply(new Event().put("a", " 42 ").put("b", "-3.9").put("c", "1e3").put("d", List.of("1", "2")),
                new FieldMapping.Convert("a", Target.INT), new FieldMapping.Convert("b", Target.INT),
                new FieldMapping.Convert("c", Target.FLOAT), new FieldMapping.Convert("d", Target.INT));
        assertThat(e.fields()).containsEntry("a", 42L).containsEntry("b", -3L).containsEntry("c", 1000.0)
                .containsEntry("d", List.of(1L, 2L));
        assertThat(e.hasTag(FieldMapper.TAG_CONVERT_FAILURE)).isFalse();
    }

    @Test
    void convertKeepsAValueItCannotConvertAndSaysWhy() {
        Event e = apply(new Event().put("n", "NaN").put("ip", "10.0.0.300").put("ok", "::1"),
                new FieldMapping.Convert("n", Target.FLOAT), new FieldMapping.Convert("ip", Target.IP),
                new FieldMapping.Convert("ok", Target.IP));
        assertThat(e.fields()).containsEntry("n", "NaN").containsEntry("ip", "10.0.0.300").containsEntry("ok", "::1");
        assertThat(e.hasTag(FieldMapper.TAG_CONVERT_FAILURE)).isTrue();
        assertThat(e.getString("error.message"))
                .isEqualTo("n: 'NaN' is not a number; ip: '10.0.0.300' is not an IP address");
    }

    @Test
    void convertReadsDatesInAPatternOrANamedFormat() {
        Event e = apply(new Event()
                        .put("clf", "10/Oct/2000:13:55:36 -0700")
                        .put("local", "2026-11-27 10:00:00")
                        .put("iso", "2026-11-27T10:00:00.250+01:00")
                        .put("unix", "1795773600.5")
                        .put("unix_ms", 1795773600123L)
                        .put("guess", "Nov 27 10:00:00"),
                new FieldMapping.Convert("clf", Target.DATE, "dd/MMM/yyyy:HH:mm:ss Z", null),
                new FieldMapping.Convert("local", Target.DATE, "yyyy-MM-dd HH:mm:ss", "America/New_York"),
                new FieldMapping.Convert("iso", Target.DATE, "iso8601", null),
                new FieldMapping.Convert("unix", Target.DATE, "unix", null),
                new FieldMapping.Convert("unix_ms", Target.DATE, "unix_ms", null),
                new FieldMapping.Convert("guess", Target.DATE));
        assertThat(e.fields())
                .containsEntry("clf", Instant.parse("2000-10-10T20:55:36Z"))
                .containsEntry("local", Instant.parse("2026-11-27T15:00:00Z"))
                .containsEntry("iso", Instant.parse("2026-11-27T09:00:00.250Z"))
                .containsEntry("unix", Instant.parse("2026-11-27T10:00:00.500Z"))
                .containsEntry("unix_ms", Instant.parse("2026-11-27T10:00:00.123Z"))
                .containsEntry("guess", Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void aDateConvertedAndRenamedToAtTimestampBecomesTheEventTime() {
        GrokParser parser = GrokParser.compile(new GrokParserDefinition("when", List.of("^at %{DATA:when} said"), null,
                List.of(new FieldMapping.Convert("when", Target.DATE, "yyyyMMddHHmmss", null),
                        new FieldMapping.Rename("when", "@timestamp")), null));
        ParseResult r = parser.parse(RawEvent.of("at 20261127100000 said hi"));
        assertThat(((ParseResult.Parsed) r).events().get(0).timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        ParseResult bad = parser.parse(RawEvent.of("at 2026-13-45 said hi"));
        Event e = ((ParseResult.Parsed) bad).events().get(0);
        assertThat(e.timestamp()).isNull();
        assertThat(e.get("timestamp")).isEqualTo("2026-13-45");
        assertThat(e.getString("error.message")).isEqualTo("when: '2026-13-45' is not a time in the pattern yyyyMMddHHmmss");
    }

    @Test
    void neverThrowsOnRandomTimes() {
        FieldMapper mapper = FieldMapper.of(List.of(
                new FieldMapping.Convert("a", Target.DATE),
                new FieldMapping.Convert("b", Target.DATE, "dd/MMM/yyyy:HH:mm:ss Z", "Europe/Paris"),
                new FieldMapping.Convert("c", Target.DATE, "unix", null),
                new FieldMapping.Convert("d", Target.DATE, "unix_ms", null),
                new FieldMapping.Convert("e", Target.DATE, "iso8601", null),
                new FieldMapping.Convert("f", Target.INT),
                new FieldMapping.Convert("g", Target.FLOAT),
                new FieldMapping.Convert("h", Target.IP)));
        String[] pieces = {"2026", "-", "11", "27", "T", " ", ":", "10", "00", ".", ",", "123456789", "Z", "+", "99",
            "-0700", "+9999", "Nov", "Feb", "29", "30", "Fri", "/", "e", "1e308", "NaN", "9223372036854775808", "::", "x"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(10); k >= 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            Event e = new Event();
            for (String field : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
                e.put(field, sb.toString());
            }
            mapper.apply(e, RECEIVED);
            assertThat(e.get("a")).satisfiesAnyOf(v -> assertThat(v).isInstanceOf(Instant.class),
                    v -> assertThat(v).isEqualTo(sb.toString()));
        }
    }

    @Test
    void dropRemovesAddSetsAndLowercaseLowers() {
        Event e = apply(new Event().put("tmp", "x").put("level", "WARN").put("names", List.of("A", "b")).put("n", 3L),
                new FieldMapping.Drop("tmp"), new FieldMapping.Add("event.kind", "event"), new FieldMapping.Add("count", 2),
                new FieldMapping.Lowercase("level"), new FieldMapping.Lowercase("names"), new FieldMapping.Lowercase("n"),
                new FieldMapping.Lowercase("absent"));
        assertThat(e.fields()).doesNotContainKeys("tmp", "absent")
                .containsEntry("event.kind", "event").containsEntry("count", 2L)
                .containsEntry("level", "warn").containsEntry("names", List.of("a", "b")).containsEntry("n", 3L);
    }

    @Test
    void refusesMappingsThatCannotWork() {
        assertThatThrownBy(() -> new FieldMapping.Rename("a", "message")).hasMessageContaining("always holds the raw line");
        assertThatThrownBy(() -> new FieldMapping.Drop("event.ingested")).hasMessageContaining("the pipeline sets it");
        assertThatThrownBy(() -> new FieldMapping.Rename("a", "a")).hasMessageContaining("itself");
        assertThatThrownBy(() -> new FieldMapping.Add("x", List.of())).hasMessageContaining("string, a number or true/false");
        assertThatThrownBy(() -> new FieldMapping.Add("@timestamp", "now")).hasMessageContaining("cannot be a constant");
        assertThatThrownBy(() -> new FieldMapping.Convert("x", Target.INT, "unix", null)).hasMessageContaining("dates only");
        assertThatThrownBy(() -> new FieldMapping.Convert("@timestamp", Target.INT)).hasMessageContaining("only be converted to a date");
        assertThatThrownBy(() -> new FieldMapping.Convert("t", Target.DATE, null, "Mars/Olympus")).hasMessageContaining("unknown timezone");
        assertThatThrownBy(() -> new FieldMapping.Lowercase("a b")).hasMessageContaining("is not a field name");
        assertThatThrownBy(() -> new FieldMapping.Drop(" ")).hasMessageContaining("needs a field name");
        assertThatThrownBy(() -> Target.of("bool")).hasMessageContaining("use int, float, ip or date");
    }
}
