package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutoParserTest {
    private final Parser auto = ParserRegistry.builtIn().find("auto").orElseThrow();

    @Test
    void detectsTheFormatOfEachLineAndSaysWhichInTheDataset() throws Exception {
        String table;
        try (InputStream in = getClass().getResourceAsStream("/parse/auto/mixed.log")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String row : table.lines().toList()) {
            String[] cols = row.split("\t", 2);
            ParseResult r = auto.parse(RawEvent.of(cols[1]));
            assertThat(r).as(cols[1]).isInstanceOf(ParseResult.Parsed.class);
            assertThat(((ParseResult.Parsed) r).events().get(0).getString("event.dataset")).as(cols[1]).isEqualTo(cols[0]);
        }
    }

    @Test
    void saysWhenNoFormatFits() {
        assertThat(auto.parse(RawEvent.of("just some words"))).isInstanceOfSatisfying(ParseResult.Failed.class,
                f -> assertThat(f.reason()).contains("?type="));
    }
}
