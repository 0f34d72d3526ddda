package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogTimeTest {
    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void takesTheYearOfReceipt() {
        assertThat(SyslogTime.parse("Jun 14 23:59:59", at("2024-06-15T12:00:00Z")))
                .isEqualTo(at("2024-06-14T23:59:59Z"));
    }

    @Test
    void takesThePreviousYearForADecemberLineReadInJanuary() {
        assertThat(SyslogTime.parse("Dec 31 23:59:59", at("2025-01-01T00:00:10Z")))
                .isEqualTo(at("2024-12-31T23:59:59Z"));
    }

    @Test
    void allowsUpToADayInTheFuture() {
        assertThat(SyslogTime.parse("Jun 16 11:00:00", at("2024-06-15T12:00:00Z")))
                .isEqualTo(at("2024-06-16T11:00:00Z"));
        assertThat(SyslogTime.parse("Jun 16 12:00:01", at("2024-06-15T12:00:00Z")))
                .isEqualTo(at("2023-06-16T12:00:01Z"));
    }

    @Test
    void readsSpacePaddedDaysAndFractions() {
        assertThat(SyslogTime.parse("Sep  4 13:48:08.267", at("2024-10-01T00:00:00Z")))
                .isEqualTo(at("2024-09-04T13:48:08.267Z"));
    }

    @Test
    void findsTheLastLeapYearForFebruary29() {
        assertThat(SyslogTime.parse("Feb 29 10:00:00", at("2026-03-01T00:00:00Z")))
                .isEqualTo(at("2024-02-29T10:00:00Z"));
    }

    @Test
    void answersNullForWhatIsNotAStamp() {
        Instant now = at("2024-06-15T12:00:00Z");
        assertThat(SyslogTime.parse("Foo 14 23:59:59", now)).isNull();
        assertThat(SyslogTime.parse("Jun 31 10:00:00", now)).isNull();
        assertThat(SyslogTime.parse("Jun 14 24:00:00", now)).isNull();
        assertThat(SyslogTime.parse("Jun 14 23:59:59x", now)).isNull();
        assertThat(SyslogTime.parse("Jun 14", now)).isNull();
        assertThat(SyslogTime.parse(null, now)).isNull();
    }
}
