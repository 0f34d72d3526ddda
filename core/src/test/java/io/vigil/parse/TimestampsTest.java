package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void readsCommonLogFormatWithOffsetsAndFractions() {
        assertThat(Timestamps.clf("10/Oct/2000:13:55:36 -0700")).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(Timestamps.clf("04/Sep/2018:13:48:08.267")).isEqualTo(Instant.parse("2018-09-04T13:48:08.267Z"));
        assertThat(Timestamps.clf("31/Feb/2020:00:00:00 +0000")).isNull();
        assertThat(Timestamps.clf("garbage")).isNull();
    }

    @Test
    void readsIsoVariantsAndEpochs() {
        assertThat(Timestamps.iso("2024-01-02T03:04:05.678Z")).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
        assertThat(Timestamps.iso("2024-01-02 03:04:05+0100")).isEqualTo(Instant.parse("2024-01-02T02:04:05Z"));
        assertThat(Timestamps.iso("2024-01-02T03:04:05")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(Timestamps.iso("1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(Timestamps.iso("1700000000123")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(Timestamps.iso("yesterday")).isNull();
    }
}
