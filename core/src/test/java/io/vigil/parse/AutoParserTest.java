package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code auto} type: which format it picks, and the hostile input contract. */
class AutoParserTest implements HostileInputContract {
    private final Parser auto = ParserRegistry.builtIn().find("auto").orElseThrow();

    @Override
    public Parser parserUnderTest() {
        return auto;
    }

    @Override
    public List<String> validSamples() {
        try (InputStream in = getClass().getResourceAsStream("/parse/auto/mixed.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(row -> row.split("\t", 2)[1]).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean answersHeadersWithoutEvents() {
        // A VPC flow log header is understood and gives no event, whichever type reads it.
        return true;
    }

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
