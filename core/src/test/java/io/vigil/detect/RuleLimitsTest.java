package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.Event;
import io.vigil.rules.Rule;
import io.vigil.rules.RuleException;
import io.vigil.rules.RuleFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code max_groups}: a rule bounds its own memory; beyond it the least recently seen group is forgotten. */
class RuleLimitsTest {
    private static final String RULE = """
            id: login-burst
            title: Login failures from one address
            severity: medium
            query: event.outcome:failure
            type: threshold
            group_by: [source.ip]
            threshold: {count: 3}
            window: 10m
            """;

    private final Instant t0 = Instant.parse("2026-11-28T10:00:00Z");

    /** A fails, then B and C (pushing A out when only two groups are kept), then A twice more. */
    private List<Event> traffic() {
        List<Event> events = new ArrayList<>();
        String[] ips = {"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.1", "198.51.100.1"};
        for (int i = 0; i < ips.length; i++) {
            events.add(new Event().put("@timestamp", t0.plusSeconds(i)).put("event.outcome", "failure")
                    .put("source.ip", ips[i]).put("event.dataset", "sshd"));
        }
        return events;
    }

    private DetectionEngine engine(Rule rule) {
        DetectionEngine engine = new DetectionEngine(Limits.defaults(),
                f -> io.vigil.event.Schema.known(f) != null ? io.vigil.event.Schema.known(f) : io.vigil.event.FieldType.KEYWORD);
        engine.setRules(List.of(rule));
        return engine;
    }

    @Test
    void aRuleKeepsAtMostItsMaxGroupsAndCountsWhatItForgets() {
        Rule unbounded = RuleFormat.parseYaml(RULE, "rule.yml");
        DetectionEngine a = engine(unbounded);
        assertThat(a.process(traffic())).hasSize(1);
        assertThat(a.evictions()).isZero();

        Rule bounded = RuleFormat.parseYaml(RULE + "max_groups: 2\n", "rule.yml");
        assertThat(bounded.maxGroups()).isEqualTo(2);
        assertThat(RuleFormat.fromMap(bounded.toMap(), "api").maxGroups()).as("round trip").isEqualTo(2);
        DetectionEngine b = engine(bounded);
        assertThat(b.process(traffic())).as("A was forgotten after its first failure").isEmpty();
        assertThat(b.evictions()).isPositive();
        assertThat(b.activeGroups()).isLessThanOrEqualTo(2);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> RuleFormat.parseYaml(RULE + "max_groups: 0\n", "rule.yml"))
                .isInstanceOf(RuleException.class).hasMessageContaining("max_groups");
        assertThatThrownBy(() -> RuleFormat.parseYaml(RULE + "max_groups: lots\n", "rule.yml"))
                .isInstanceOf(RuleException.class).hasMessageContaining("max_groups");
    }
}
