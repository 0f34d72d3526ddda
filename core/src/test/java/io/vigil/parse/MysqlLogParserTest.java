package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MysqlLogParserTest extends ParserContract {
    private final MysqlLogParser parser = new MysqlLogParser("mysql.error");

    @Override
    Parser parser() {
        return parser;
    }

    @Override
    String type() {
        return "mysql";
    }

    @Override
    String dataset() {
        return "mysql.error";
    }

    @Test
    void readsLocalTimesInTheConfiguredZone() {
        MysqlLogParser paris = new MysqlLogParser("mysql.error", ZoneId.of("Europe/Paris"));
        Event e = single(paris.parse(RawEvent.of("2019-07-11 10:00:00 5 [Note] started")));
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2019-07-11T08:00:00Z"));
        Event utc = single(paris.parse(RawEvent.of("2019-07-11T10:00:00.000000Z 5 [Note] started")));
        assertThat(utc.timestamp()).isEqualTo(Instant.parse("2019-07-11T10:00:00Z"));
    }

    @Test
    void readsALineRelayedThroughSyslog() {
        String line = "Sep 16 21:30:26 db1 mysqld: 130916 21:30:26 [Warning] Access denied for user 'hacker'@'192.0.2.8' "
                + "(using password: YES)";
        Event e = single(new MysqlLogParser("mysql.error").parse(RawEvent.of(line)));
        assertThat(e.get("source.ip")).isEqualTo("192.0.2.8");
        assertThat(e.get("user.name")).isEqualTo("hacker");
        assertThat(e.get("host.name")).isEqualTo("db1");
        assertThat(e.get("message")).isEqualTo(line);
    }

    @Test
    void parsesARecordJoinedFromSeveralLines() {
        String record = "2024-01-02T03:04:05.000000Z 0 [ERROR] [MY-012592] [InnoDB] Operating system error number 2\n"
                + "in a file operation.";
        Event e = single(parser.parse(RawEvent.of(record)));
        assertThat(e.get(Ecs.MESSAGE)).isEqualTo(record);
        assertThat(e.get("mysql.subsystem")).isEqualTo("InnoDB");
    }
}
