package io.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleFormatTest {
    @Test
    void readsTheSeedRule() {
        Rule rule = RulePack.load().get("nginx-401-403-burst");
        assertThat(rule.detection()).isInstanceOf(Detection.Threshold.class);
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.groupBy()).containsExactly("source.ip");
        assertThat(((Detection.Threshold) rule.detection()).levels()).hasSize(2);
    }

    @Test
    void listsEveryProblemWithItsFieldAndLine() {
        String yaml = """
                id: Bad Id
                title: ''
                severity: urgent
                query: 'http.response.status_code:[400 TO'
                type: threshold
                group_by: [a, b, c, d]
                threshold: {count: "lots"}
                window: 5 minutes
                colour: red
                actions: [{pager: [x]}]
                """;
        RuleException e = catchThrowableOfType(() -> RuleFormat.parseYaml(yaml, "bad.yml"), RuleException.class);
        assertThat(e.problems()).extracting(RuleProblem::field)
                .contains("id", "title", "severity", "query", "group_by", "threshold.count", "window", "colour", "actions[0]");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("severity")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
        assertThat(e.problems()).filteredOn(p -> p.field().equals("colour")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(9));
        assertThat(e.getMessage()).contains("bad.yml:4 query: invalid query");
    }

    @Test
    void roundTripsThroughItsMapForm() {
        Rule rule = RulePack.load().get("nginx-401-403-burst");
        Rule again = RuleFormat.fromMap(rule.toMap(), "api");
        assertThat(again).isEqualTo(rule);
    }
}
