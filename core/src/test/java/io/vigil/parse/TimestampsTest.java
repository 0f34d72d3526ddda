package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
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

    @Test
    void readsTheUsualIsoFormsByHandExactlyAsTheFormatterDoes() {
        Random random = new Random(7);
        String[] offsets = {"", "Z", "z", "+01:00", "-05:30", "+0100", "-0000", "+18:00", "+19:00", "+01", "+1:00", "Q"};
        String[] fractions = {"", ".1", ".123", ".123456", ".123456789", ".1234567891", ".", ".12a"};
        for (int i = 0; i < 50_000; i++) {
            String s = String.format(Locale.ROOT, "%04d-%02d-%02d%c%02d:%02d:%02d%s%s", random.nextInt(3000),
                    random.nextInt(14), random.nextInt(33), "T tX".charAt(random.nextInt(4)), random.nextInt(26),
                    random.nextInt(62), random.nextInt(62), fractions[random.nextInt(fractions.length)],
                    offsets[random.nextInt(offsets.length)]);
            if (random.nextInt(5) == 0) {
                s = s.substring(0, random.nextInt(s.length() + 1));
            }
            assertThat(Timestamps.iso(s)).as(s).isEqualTo(Timestamps.isoByFormatter(s));
        }
    }
}
