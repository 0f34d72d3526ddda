package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md carries the generated catalogue of the built-in pack; this keeps it current. */
class RulesDocTest {
    @Test
    void theRuleCatalogueInTheDocsMatchesThePack() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("rules.md");
        String text = Files.readString(doc);
        String generated = text.substring(text.indexOf(RulesCommand.START) + RulesCommand.START.length(), text.indexOf(RulesCommand.END));
        assertThat(generated).as("docs/rules.md is stale: run ./vigil rules docs --write docs/rules.md")
                .isEqualTo(RulesCommand.catalogue());
    }
}
