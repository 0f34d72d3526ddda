package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PostgresqlLogParserTest extends ParserContract {
    private final PostgresqlLogParser parser = new PostgresqlLogParser("postgresql.log");

    @Override
    Parser parser() {
        return parser;
    }

    @Override
    String type() {
        return "postgresql";
    }

    @Override
    String dataset() {
        return "postgresql.log";
    }

    @Test
    void readsTheClientAddressInTheLinePrefix() {
        Event e = single(parser().parse(RawEvent.of("2021-09-28 09:22:18.536 UTC [147] 192.0.2.3 nobody@postgres FATAL:  "
                + "password authentication failed for user \"nobody\"")));
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.3");
        assertThat(e.get("user.name")).isEqualTo("nobody");
        Event remote = single(parser().parse(RawEvent.of("2021-09-28 09:22:19.536 UTC:192.0.2.4(5432):nobody@postgres:[127]:"
                + "FATAL:  password authentication failed for user \"nobody\"")));
        assertThat(remote.get("source.ip")).isEqualTo("192.0.2.4");
        assertThat(remote.get("source.port")).isEqualTo(5432L);
    }

    @Test
    void keepsAStatementContinuedOnTabIndentedLines() {
        String record = "2017-04-03 22:35:22.389 CEST [5404-2] postgres@postgres LOG:  duration: 37.598 ms"
                + "  statement: SELECT n.nspname as \"Schema\",\n\t  c.relname as \"Name\"\n\tORDER BY 1,2;";
        Event e = single(parser.parse(RawEvent.of(record)));
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo(record);
        assertThat(e.get("postgresql.log.query"))
                .isEqualTo("SELECT n.nspname as \"Schema\",\n\t  c.relname as \"Name\"\n\tORDER BY 1,2;");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-04-03T20:35:22.389Z"));
    }

    @Test
    void readsZoneAbbreviationsAndNumericOffsets() {
        assertThat(ZoneAbbreviations.offset("CEST")).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(ZoneAbbreviations.offset("pst")).isEqualTo(ZoneOffset.ofHours(-8));
        assertThat(ZoneAbbreviations.offset("+0530")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(ZoneAbbreviations.offset("-03")).isEqualTo(ZoneOffset.ofHours(-3));
        assertThat(ZoneAbbreviations.offset("IST")).isNull();
        assertThat(ZoneAbbreviations.offset("+99")).isNull();
        assertThat(ZoneAbbreviations.offset("+ab")).isNull();
    }
}
