package io.vigil.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.parse.ParserRegistry;
import io.vigil.rules.Rule;
import io.vigil.rules.RulePack;
import io.vigil.rules.RuleTester;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in intel rule meets the rule pack's bar: metadata, samples that prove it, no id clash. */
class ThreatIntelRuleTest {
    @Test
    void isDocumentedAndFiresOnlyOnIntelMarkedEvents() throws Exception {
        Rule rule = ThreatIntelRule.load();
        assertThat(rule.id()).isEqualTo(ThreatIntelRule.ID);
        assertThat(rule.description()).isNotBlank();
        assertThat(rule.tags()).anyMatch(t -> t.startsWith("attack."));
        assertThat(rule.dataSources()).isNotEmpty();
        assertThat(rule.groupBy()).containsExactly(IntelFields.MALICIOUS_IP);
        assertThat(rule.throttle()).hasHours(1);
        Path dir = Path.of(getClass().getClassLoader().getResource(ThreatIntelRule.RESOURCE).toURI()).getParent();
        RuleTester.Outcome outcome = new RuleTester(ParserRegistry.builtIn()).check(rule, dir);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.positiveSignals()).isEqualTo(2);
    }

    @Test
    void joinsTheBuiltInRulesWithoutReplacingOne() {
        Map<String, Rule> pack = RulePack.load();
        Map<String, Rule> all = ThreatIntelRule.addTo(pack);
        assertThat(all).containsKey(ThreatIntelRule.ID).containsAllEntriesOf(pack);
    }
}
