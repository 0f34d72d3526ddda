package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudTrailParser} over real and published CloudTrail records in {@code ../shared/data}:
 * Stratus Red Team detonation logs, the AWS CloudTrail user guide's examples, Panther's labelled
 * rule test events and Sekoia's intake tests (whose expected ECS output is compared field by field).
 */
class CloudTrailParserCorpusTest {
    private static final double MINIMUM_RATE = 0.95;
    private static final Pattern CODE_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    private final CloudTrailParser parser = new CloudTrailParser("aws.cloudtrail");

    @Test
    void parsesStratusRedTeamDetonations() throws IOException {
        Path folder = SharedData.folder("stratus-red-team/docs/detonation-logs");
        CloudCorpusTally tally = new CloudCorpusTally("stratus-red-team");
        for (Path file : SharedData.files(folder, ".json")) {
            String text = SharedData.read(file);
            JsonNode records = EventJson.MAPPER.readTree(text);
            int parsed = 0;
            for (JsonNode record : records) {
                ParseResult result = parser.parse(RawEvent.of(record.toString()));
                parsed += countParsed(result, file.getFileName() + " " + record.path("eventName").asText(), tally);
            }
            tally.add(file.getFileName().toString(), records.size(), parsed);
            List<Event> whole = events(parser.parse(RawEvent.of(text)));
            assertThat(whole).as("events of the whole file %s", file.getFileName()).hasSize(records.size());
            tally.mismatches(labelled(file.getFileName().toString(), whole));
        }
        tally.report(MINIMUM_RATE);
    }

    /** What a Stratus technique's key call must look like once parsed: the label of its file. */
    private record Label(String action, String category, String field, String value) {}

    private static final Map<String, Label> LABELS = Map.of(
            "aws.initial-access.console-login-without-mfa.json", new Label("ConsoleLogin", "authentication",
                    "aws.cloudtrail.console_login.additional_eventdata.mfa_used", "false"),
            "aws.defense-evasion.cloudtrail-delete.json",
            new Label("DeleteTrail", "configuration", "event.type", "[deletion]"),
            "aws.defense-evasion.cloudtrail-stop.json",
            new Label("StopLogging", "configuration", "event.type", "[change]"),
            "aws.persistence.iam-create-user-login-profile.json",
            new Label("CreateLoginProfile", "iam", "event.type", "[creation, user]"),
            "aws.persistence.iam-backdoor-role.json",
            new Label("UpdateAssumeRolePolicy", "iam", "event.type", "[change]"));

    private static List<String> labelled(String file, List<Event> events) {
        Label label = LABELS.get(file);
        if (label == null) {
            return List.of();
        }
        for (Event e : events) {
            if (label.action().equals(e.get(Ecs.EVENT_ACTION))) {
                List<String> problems = new ArrayList<>();
                if (!List.of(label.category()).equals(e.get(Ecs.EVENT_CATEGORY))) {
                    problems.add(file + ": category " + e.get(Ecs.EVENT_CATEGORY) + ", expected " + label.category());
                }
                if (!label.value().equals(String.valueOf(e.get(label.field())))) {
                    problems.add(file + ": " + label.field() + " is " + e.get(label.field()) + ", expected " + label.value());
                }
                return problems;
            }
        }
        return List.of(file + ": no " + label.action() + " event");
    }

    @Test
    void parsesTheAwsUserGuideExamples() throws IOException {
        Path folder = SharedData.folder("aws-docs/doc_source");
        CloudCorpusTally tally = new CloudCorpusTally("aws-docs");
        for (Path file : SharedData.files(folder, ".md")) {
            if (!file.getFileName().toString().startsWith("cloudtrail-")) {
                continue;
            }
            int records = 0;
            int parsed = 0;
            Matcher block = CODE_BLOCK.matcher(SharedData.read(file));
            while (block.find()) {
                String json = block.group(1).strip();
                if (!json.startsWith("{")) {
                    continue;
                }
                int expected = recordsIn(json);
                records += expected;
                ParseResult result = parser.parse(RawEvent.of(json));
                parsed += Math.min(expected, countParsed(result, file.getFileName() + " block " + block.start(), tally));
            }
            if (records > 0) {
                tally.add(file.getFileName().toString(), records, parsed);
            }
        }
        tally.report(MINIMUM_RATE);
    }

    /** How many records a documentation example holds; a block that is not JSON counts as one. */
    private static int recordsIn(String json) {
        try {
            JsonNode node = JsonNodes.read(json);
            return node.path("Records").isArray() ? node.get("Records").size() : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    @Test
    void parsesPantherLabelledTestEvents() {
        Path folder = SharedData.folder("panther-analysis");
        CloudCorpusTally tally = new CloudCorpusTally("panther-analysis");
        for (Path file : SharedData.files(folder, ".yml")) {
            JsonNode doc = YamlSubset.read(SharedData.read(file));
            List<JsonNode> logs = new ArrayList<>();
            if (doc.path("LogTypes").toString().contains("\"AWS.CloudTrail\"")) {
                doc.path("Tests").forEach(t -> logs.add(t.path("Log")));
            } else if ("AWS.CloudTrail".equals(doc.path("LogType").asText())) {
                doc.path("Logs").forEach(logs::add);
            }
            int parsed = 0;
            for (JsonNode log : logs) {
                String text = log.isTextual() ? log.textValue() : log.toString();
                parsed += countParsed(parser.parse(RawEvent.of(text)), folder.relativize(file).toString(), tally);
            }
            if (!logs.isEmpty()) {
                tally.add(folder.relativize(file).toString(), logs.size(), parsed);
            }
        }
        tally.report(MINIMUM_RATE);
    }

    @Test
    void matchesSekoiaExpectedFields() throws IOException {
        Path folder = SharedData.folder("sekoia-intake-formats/AWS/aws-cloudtrail/tests");
        CloudCorpusTally tally = new CloudCorpusTally("sekoia-intake-formats");
        for (Path file : SharedData.files(folder, ".json")) {
            JsonNode test = EventJson.MAPPER.readTree(file.toFile());
            ParseResult result = parser.parse(RawEvent.of(test.path("input").path("message").asText()));
            int parsed = countParsed(result, file.getFileName().toString(), tally);
            tally.add(file.getFileName().toString(), 1, parsed);
            if (parsed == 1) {
                String name = file.getFileName().toString();
                tally.mismatches(compareWithSekoia(name, test.path("expected"), events(result).get(0)));
            }
        }
        tally.report(MINIMUM_RATE);
    }

    /**
     * Compares the fields both mappings agree on. Sekoia differs by design elsewhere: it reports
     * errored calls as successes, categorises every API call as {@code network}, takes
     * {@code cloud.account.id} from the caller's account, which Vigil keeps in
     * {@code aws.cloudtrail.user_identity.account_id} (Vigil's is the recipient account), and
     * {@code user.id} from it too, where Vigil uses the unique {@code principalId}.
     */
    private static List<String> compareWithSekoia(String file, JsonNode expected, Event e) {
        Event want = EventJson.fromJson(expected);
        List<String> problems = new ArrayList<>();
        Map<String, String> fields = Map.of(
                "event.action", "event.action", "event.provider", "event.provider", "cloud.provider", "cloud.provider",
                "cloud.region", "cloud.region", "cloud.account.id", "aws.cloudtrail.user_identity.account_id",
                "source.ip", "source.ip", "source.domain", "source.domain", "user_agent.original", "user_agent.original");
        fields.forEach((theirs, ours) -> {
            Object value = want.get(theirs);
            if (value != null && !value.equals(e.get(ours))) {
                problems.add(file + ": " + ours + " is " + e.get(ours) + ", Sekoia expects " + value);
            }
        });
        Instant time = Timestamps.iso(want.getString(Ecs.TIMESTAMP));
        if (!time.equals(e.timestamp())) {
            problems.add(file + ": @timestamp is " + e.timestamp() + ", Sekoia expects " + time);
        }
        return problems;
    }

    /** Counts the events of a result that are records, noting the reason of a failure. */
    private static int countParsed(ParseResult result, String where, CloudCorpusTally tally) {
        if (result instanceof ParseResult.Failed failed) {
            tally.failure(where, failed.reason());
            return 0;
        }
        int n = 0;
        for (Event e : ((ParseResult.Parsed) result).events()) {
            if (e.hasTag(Ecs.TAG_PARSE_FAILURE)) {
                tally.failure(where, e.getString(Ecs.ERROR_MESSAGE));
            } else {
                n++;
            }
        }
        return n;
    }

    private static List<Event> events(ParseResult result) {
        return result instanceof ParseResult.Parsed parsed ? parsed.events() : List.of();
    }
}
