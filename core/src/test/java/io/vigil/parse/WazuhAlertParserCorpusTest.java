package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link WazuhAlertParser} over Wazuh's own samples in {@code ../shared/data/wazuh-alerts}
 * (GPL-2.0: read in place, never copied): 4.x {@code alerts.json} lines quoted in integration
 * test cases, and the 5.x ECS findings NDJSON of the dashboard's sample data.
 */
class WazuhAlertParserCorpusTest {
    /** A YAML single-quoted scalar: {@code ''} is a quote, and line breaks fold into spaces. */
    private static final Pattern ALERT_SAMPLE = Pattern.compile("alert_sample: '([^']*+(?:''[^']*+)*+)'");

    private final WazuhAlertParser parser = new WazuhAlertParser("wazuh.alerts");

    @Test
    void parsesWazuh4AlertsFromIntegrationTests() {
        Path folder = SharedData.folder("wazuh-alerts/tests");
        CloudCorpusTally tally = new CloudCorpusTally("wazuh-alerts 4.x");
        for (Path file : SharedData.files(folder, ".yaml")) {
            Matcher m = ALERT_SAMPLE.matcher(SharedData.read(file));
            int records = 0;
            int parsed = 0;
            while (m.find()) {
                records++;
                String alert = m.group(1).replace("''", "'").replaceAll("\\s*\\n\\s*", " ");
                ParseResult result = parser.parse(RawEvent.of(alert));
                if (result instanceof ParseResult.Failed failed) {
                    tally.failure(file.getFileName().toString(), failed.reason());
                    continue;
                }
                parsed++;
                tally.mismatches(checkSshdBruteForce(file.getFileName().toString(), ParserContract.single(result)));
            }
            tally.add(file.getFileName().toString(), records, parsed);
        }
        tally.report(0.95);
    }

    /** Both samples are the same sshd brute-force alert; its key fields are known. */
    private static List<String> checkSshdBruteForce(String file, Event e) {
        List<String> problems = new ArrayList<>();
        expect(problems, file, e, Ecs.TIMESTAMP, Instant.parse("2022-05-11T12:29:19.905Z"));
        expect(problems, file, e, "rule.id", "5712");
        expect(problems, file, e, "event.severity", 10L);
        expect(problems, file, e, Ecs.SOURCE_IP, "172.17.1.1");
        expect(problems, file, e, Ecs.SOURCE_PORT, 56404L);
        expect(problems, file, e, Ecs.USER_NAME, "paco");
        expect(problems, file, e, Ecs.HOST_NAME, "localhost.localdomain");
        expect(problems, file, e, Ecs.EVENT_OUTCOME, "failure");
        expect(problems, file, e, Ecs.MESSAGE,
                "May 11 12:29:18 localhost sshd[17584]: Invalid user paco from 172.17.1.1 port 56404");
        expect(problems, file, e, "threat.technique.id", List.of("T1110"));
        return problems;
    }

    private static void expect(List<String> problems, String file, Event e, String field, Object value) {
        if (!Objects.equals(value, e.get(field))) {
            problems.add(file + ": " + field + " is " + e.get(field) + ", expected " + value);
        }
    }

    @Test
    void parsesWazuh5FindingsKeepingTheirEcsFields() {
        Path folder = SharedData.folder("wazuh-alerts/plugins/main/server/lib/sample-data/dataset");
        CloudCorpusTally tally = new CloudCorpusTally("wazuh-alerts 5.x findings");
        for (Path file : SharedData.files(folder, ".json")) {
            List<String> lines = ParserContract.nonBlankLines(file);
            int parsed = 0;
            for (String line : lines) {
                ParseResult result = parser.parse(RawEvent.of(line));
                if (result instanceof ParseResult.Failed failed) {
                    tally.failure(folder.relativize(file).toString(), failed.reason());
                    continue;
                }
                parsed++;
                Event e = ParserContract.single(result);
                List<String> problems = new ArrayList<>();
                String where = folder.relativize(file).toString();
                expect(problems, where, e, "rule.id", e.get("wazuh.rule.id"));
                expect(problems, where, e, "rule.name", e.get("wazuh.rule.title"));
                if (e.timestamp() == null || e.get(Ecs.EVENT_CATEGORY) == null || e.get("wazuh.agent.name") == null) {
                    problems.add(where + ": lost @timestamp, event.category or wazuh.agent.name");
                }
                tally.mismatches(problems);
            }
            tally.add(folder.relativize(file).toString(), lines.size(), parsed);
        }
        tally.report(0.95);
        assertThat(tally.parsed()).isGreaterThan(100);
    }
}
