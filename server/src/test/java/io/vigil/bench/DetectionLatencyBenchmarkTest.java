package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection latency run works end to end in a short, slow form (the figures are the benchmark's job). */
class DetectionLatencyBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void everyRequestRaisesItsSecurityEventAndTheLatencyIsReported() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DetectionLatencyBenchmark(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(500, Duration.ofSeconds(2), 50);
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("security event raised: p50").contains("(20 of 20 expected events)");
    }
}
