package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogParserTest extends ParserTestCase {
    private final SyslogParser parser = SyslogParser.standard();

    @Override
    protected Parser parser() {
        return parser;
    }

    @Override
    protected List<String> samples() {
        List<String> samples = new ArrayList<>(ExpectedEvents.lines("parse/syslog/headers.log"));
        samples.addAll(ExpectedEvents.lines("parse/syslog/auth.log"));
        return samples;
    }

    @Test
    void readsPamMessagesWhateverProgramLoggedThem() {
        Event e = ParserContract.single(parser.parse(new RawEvent(
                "Feb  7 15:10:42 example pure-ftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 "
                        + "tty=pure-ftpd ruser=sample-user rhost=192.0.2.7", ExpectedEvents.RECEIVED)));
        assertThat(e.get(Ecs.SOURCE_IP)).isEqualTo("192.0.2.7");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("system.auth");
    }

    @Test
    void readsRfc3164AndRfc5424Headers() {
        ExpectedEvents.assertMatches(parser, "syslog", "headers");
    }

    @Test
    void givesSudoSuAndSshdLinesAuthenticationFields() {
        ExpectedEvents.assertMatches(parser, "syslog", "auth");
    }

    @Test
    void putsDecemberLineReadInJanuaryInThePreviousYear() {
        Event e = parse("Dec 31 23:59:58 host app: late", "2025-01-01T00:00:05Z");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-12-31T23:59:58Z"));
    }

    @Test
    void putsJanuaryLineReadOnNewYearsEveInTheNextYear() {
        // A sender writing local time ahead of UTC: within a day of receipt, so not last January.
        Event e = parse("Jan  1 01:30:00 host app: early", "2024-12-31T23:00:00Z");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-01-01T01:30:00Z"));
    }

    @Test
    void keepsTheReceiveYearForPastDates() {
        Event e = parse("Nov 28 10:01:02 host app: x", "2024-11-28T10:05:00Z");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-11-28T10:01:02Z"));
    }

    @Test
    void acceptsUpToADayInTheFuture() {
        Event e = parse("Mar  2 09:00:00 host app: x", "2024-03-01T12:00:00Z");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-03-02T09:00:00Z"));
        Event later = parse("Mar  3 09:00:00 host app: x", "2024-03-01T12:00:00Z");
        assertThat(later.timestamp()).isEqualTo(Instant.parse("2023-03-03T09:00:00Z"));
    }

    @Test
    void putsLeapDayInTheLastLeapYear() {
        Event e = parse("Feb 29 06:00:00 host app: x", "2027-03-01T00:00:00Z");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-02-29T06:00:00Z"));
    }

    @Test
    void keepsMultiLineBodiesWhole() {
        Event e = parse("Dec 13 11:35:28 mac Agent[21412]: first line\n\t\tsecond line\n\t>", "2016-12-14T00:00:00Z");
        assertThat(e.get(EcsSyslog.SYSLOG_MESSAGE)).isEqualTo("first line\n\t\tsecond line\n\t>");
        assertThat(e.get(EcsSyslog.PROCESS_PID)).isEqualTo(21412L);
    }

    @Test
    void dropsTheByteOrderMarkOfRfc5424Messages() {
        Event e = parse("<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - \uFEFF'su root' failed", "2003-10-12T00:00:00Z");
        assertThat(e.get(EcsSyslog.SYSLOG_MESSAGE)).isEqualTo("'su root' failed");
    }

    @Test
    void capsTheNumberOfStructuredDataFields() {
        StringBuilder sd = new StringBuilder("[many");
        for (int i = 0; i < 500; i++) {
            sd.append(" p").append(i).append("=\"").append(i).append('"');
        }
        Event e = parse("<13>1 2024-01-01T00:00:00Z host app - - " + sd + "] text", "2024-01-01T00:00:00Z");
        long sdFields = e.fields().keySet().stream().filter(f -> f.startsWith("log.syslog.structured_data.")).count();
        assertThat(sdFields).isEqualTo(64);
        assertThat(e.get(EcsSyslog.SYSLOG_MESSAGE)).isEqualTo("text");
    }

    @Test
    void handsBodiesToTheProgramsParserByNameWithoutSuffixOrPath() {
        SyslogProgramParser marker = (body, event) -> {
            event.put(Ecs.EVENT_ACTION, "seen:" + body);
            return true;
        };
        SyslogParser custom = new SyslogParser(Map.of("smtpd", marker, "login", marker));
        Instant now = Instant.parse("2024-06-01T00:00:00Z");
        assertThat(action(custom, "May  1 00:00:00 h postfix/smtpd[1]: connect", now)).isEqualTo("seen:connect");
        assertThat(action(custom, "May  1 00:00:00 h login(pam_unix)[2]: hi", now)).isEqualTo("seen:hi");
        assertThat(action(custom, "May  1 00:00:00 h other[3]: no", now)).isNull();
    }

    @Test
    void explainsWhyALineIsNotSyslog() {
        ParseResult result = parser.parse(RawEvent.of("GET / HTTP/1.1"));
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        assertThat(((ParseResult.Failed) result).reason()).contains("no syslog header");
    }

    private static String action(SyslogParser parser, String line, Instant received) {
        return ((ParseResult.Parsed) parser.parse(new RawEvent(line, received))).events().get(0).getString(Ecs.EVENT_ACTION);
    }

    private Event parse(String line, String received) {
        ParseResult result = parser.parse(new RawEvent(line, Instant.parse(received)));
        assertThat(result).as("%s", line).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).events().get(0);
    }
}
