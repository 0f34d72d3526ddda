package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.parse.ParserRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserBenchTest {
    @Test
    void measuresEveryBuiltInTypeOnSamplesItUnderstands() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ParserBench.Options quick = new ParserBench.Options(Duration.ofMillis(20), Duration.ofMillis(20), 2);
        List<ParserBench.Result> results = new ParserBench(quick, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        assertThat(results).extracting(ParserBench.Result::type)
                .containsExactlyInAnyOrderElementsOf(ParserRegistry.builtIn().types());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.samples()).isPositive();
            assertThat(r.best()).isPositive().isGreaterThanOrEqualTo(r.median());
        });
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("nginx").contains("lines/s");
    }
}
