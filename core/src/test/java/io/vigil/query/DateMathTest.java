package io.vigil.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateMathTest {
    private final Instant now = Instant.parse("2026-11-28T13:47:12Z");

    @Test
    void readsNowWithOffsetsAndRounding() {
        assertThat(DateMath.parse("now", now)).isEqualTo(now);
        assertThat(DateMath.parse("now-15m", now)).isEqualTo(Instant.parse("2026-11-28T13:32:12Z"));
        assertThat(DateMath.parse("now-1d/d", now)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(DateMath.parse("now+1h-30m", now)).isEqualTo(Instant.parse("2026-11-28T14:17:12Z"));
        assertThat(DateMath.parse("2026-01-01T00:00:00Z", now)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void rejectsWhatItCannotReadSayingWhatWorks() {
        assertThatThrownBy(() -> DateMath.parse("yesterday", now)).isInstanceOf(QueryException.class)
                .hasMessageContaining("now-15m");
        assertThatThrownBy(() -> DateMath.duration("5 minutes")).hasMessageContaining("5m");
        assertThat(DateMath.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    }
}
