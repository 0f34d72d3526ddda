package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.parse.ParserRegistry;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints and tests every shipped rule, reporting all failures in one run: each rule parses, is
 * listed in the index, carries metadata, fires on its positive sample and stays quiet on its
 * negative one.
 */
class RulePackTest {
    private static Path root() throws URISyntaxException {
        URL index = RulePackTest.class.getClassLoader().getResource(RulePack.INDEX);
        return Path.of(index.toURI()).getParent();
    }

    @Test
    void theIndexListsExactlyTheRuleFiles() throws Exception {
        Path root = root();
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(p -> p.toString().endsWith(".yml") && !root.relativize(p).toString().contains("tests/"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(new TreeSet<>(RulePack.files())).isEqualTo(onDisk);
    }

    @Test
    void everyRuleIsValidDocumentedAndProvenByItsSamples() throws Exception {
        Map<String, Rule> rules = RulePack.load();
        RuleTester tester = new RuleTester(ParserRegistry.builtIn());
        List<String> failures = new ArrayList<>();
        Path root = root();
        for (String file : RulePack.files()) {
            Rule rule = RuleFormat.parseYaml(Files.readString(root.resolve(file)), file);
            if (rule.description().isBlank()) {
                failures.add(rule.id() + ": no description");
            }
            if (rule.tags().stream().noneMatch(t -> t.startsWith("attack."))) {
                failures.add(rule.id() + ": no MITRE ATT&CK tag (attack.*)");
            }
            if (rule.dataSources().isEmpty()) {
                failures.add(rule.id() + ": no data_sources");
            }
            RuleTester.Outcome outcome = tester.check(rule, root.resolve(file).getParent());
            outcome.problems().forEach(p -> failures.add(rule.id() + ": " + p));
        }
        assertThat(rules).containsKey("nginx-401-403-burst");
        assertThat(failures).as("%d rules checked", rules.size()).isEmpty();
    }
}
