package io.vigil.parse;

import static io.vigil.parse.WebCorpora.CROWDSEC;
import static io.vigil.parse.WebCorpora.NOW_ISH;
import static io.vigil.parse.WebCorpora.SEKOIA;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import io.vigil.event.IpAddresses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud and security-platform records of the shared data, by type: {@code cloudtrail},
 * {@code vpcflow} and {@code wazuh}.
 *
 * <p>Most CloudTrail material states no expected output, but a record says plainly what it is:
 * where a source gives none, the expected fields are the record's own, read the way Filebeat's
 * {@code aws.cloudtrail} module reads them ({@code eventTime}, {@code eventName},
 * {@code eventSource}, {@code awsRegion}, {@code sourceIPAddress} when an address,
 * {@code userAgent}, the IAM user's {@code userName}, failure when there is an {@code errorCode}
 * or a sign-in answered {@code Failure}). Wazuh 4.x alerts likewise carry their decoded fields
 * under Wazuh's names ({@code data.srcip}, {@code data.srcuser}); 5.x findings are already ECS.
 */
final class CloudCorpora {
    private CloudCorpora() {}

    private static final Pattern PANTHER_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?");
    private static final Pattern ALERT_SAMPLE = Pattern.compile("alert_sample: '([^']*+(?:''[^']*+)*+)'");

    static List<CorpusRun> runs(Path root) {
        List<CorpusRun> runs = new ArrayList<>(cloudtrail(root));
        runs.addAll(vpcflow(root));
        runs.addAll(wazuh(root));
        return runs;
    }

    private static CorpusRun cloudtrailRun(String source) {
        return new CorpusRun(source, "cloudtrail", () -> new CloudTrailParser("aws.cloudtrail"));
    }

    private static List<CorpusRun> cloudtrail(Path root) {
        CorpusRun stratus = cloudtrailRun("stratus-red-team");
        for (Path file : SharedCorpora.files(root.resolve("stratus-red-team/docs/detonation-logs"), n -> n.endsWith(".json"))) {
            List<JsonNode> records = new ArrayList<>();
            SharedCorpora.readJson(file).forEach(records::add);
            stratus.add(records(root, file, records, stratusLabel(file.getFileName().toString())));
        }
        stratus.note("besides the records' own fields, the record of each technique's key call is expected to be "
                + "labelled as the technique says (console login without MFA, trail deleted or stopped, "
                + "login profile created, role trust changed)");
        CorpusRun docs = cloudtrailRun("aws-docs");
        for (Path page : SharedCorpora.files(root.resolve("aws-docs/doc_source"), n -> n.startsWith("cloudtrail-"))) {
            List<JsonNode> records = new ArrayList<>();
            int fragments = 0;
            for (JsonNode node : SharedCorpora.docJsonRecords(page)) {
                if (node.isObject() && !node.has("eventName") && !node.has("eventSource") && !node.has("eventTime")) {
                    fragments++;
                } else {
                    records.add(node);
                }
            }
            docs.add(records(root, page, records, r -> Map.of()));
            docs.exclude(SharedCorpora.label(root, page), fragments,
                    "a fragment of a record (one `userIdentity` element) quoted to document that field, not a record");
        }
        CorpusRun panther = cloudtrailRun("panther-analysis");
        Path folder = root.resolve("panther-analysis");
        for (Path file : SharedCorpora.files(folder, n -> n.endsWith(".yml"))) {
            panther.add(records(root, file, pantherLogs(file), r -> Map.of()));
        }
        panther.note("the `Log` of every test of a rule on `AWS.CloudTrail`, and the CloudTrail logs of attack scenarios");
        CorpusRun sekoia = cloudtrailRun(SEKOIA);
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/AWS/aws-cloudtrail"), l -> true,
                UnaryOperator.identity(), NOW_ISH, CloudCorpora::sekoiaCloudTrail));
        sekoia.note("Sekoia's `cloud.account.id` is the caller's account, Vigil's `aws.cloudtrail.user_identity.account_id`; "
                + "Vigil's `cloud.account.id` is the recipient's");
        CorpusRun crowdsec = cloudtrailRun(CROWDSEC);
        ExpectedNames names = ExpectedNames.of("meta.source_ip", "source.ip", "meta.event_name", "event.action",
                "meta.event_source", "event.provider", "meta.region", "cloud.region", "meta.user_agent", "user_agent.original");
        for (Path log : CrowdsecHub.logs(root, "aws-cloudtrail")) {
            crowdsec.add(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, names::apply));
        }
        return List.of(stratus, docs, panther, sekoia, crowdsec);
    }

    /** What the key call of a Stratus Red Team technique must look like once parsed: the label its file gives. */
    private record Label(String action, String category, String field, String value) {}

    private static final Map<String, Label> STRATUS_LABELS = Map.of(
            "aws.initial-access.console-login-without-mfa.json", new Label("ConsoleLogin", "authentication",
                    "aws.cloudtrail.console_login.additional_eventdata.mfa_used", "false"),
            "aws.defense-evasion.cloudtrail-delete.json", new Label("DeleteTrail", "configuration", "event.type", "deletion"),
            "aws.defense-evasion.cloudtrail-stop.json", new Label("StopLogging", "configuration", "event.type", "change"),
            "aws.persistence.iam-create-user-login-profile.json",
            new Label("CreateLoginProfile", "iam", "event.type", "creation"),
            "aws.persistence.iam-backdoor-role.json", new Label("UpdateAssumeRolePolicy", "iam", "event.type", "change"));

    private static Function<JsonNode, Map<String, String>> stratusLabel(String file) {
        Label label = STRATUS_LABELS.get(file);
        return record -> label == null || !label.action().equals(record.path("eventName").asText())
                ? Map.of()
                : Map.of("event.category", label.category(), label.field(), label.value());
    }

    /** Records as one JSON line each, expected: their own fields plus what {@code extra} adds for a record. */
    private static CorpusFile records(Path root, Path file, List<JsonNode> records,
                                      Function<JsonNode, Map<String, String>> extra) {
        List<String> lines = new ArrayList<>();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (JsonNode record : records) {
            if (record.isObject()) {
                Map<String, String> fields = new LinkedHashMap<>(ownFields(record));
                fields.putAll(extra.apply(record));
                expected.put(lines.size(), fields);
            }
            lines.add(record.isTextual() ? record.textValue() : record.toString());
        }
        return new CorpusFile(SharedCorpora.label(root, file), lines, NOW_ISH, expected);
    }

    /** A record's own fields, as Filebeat's {@code aws.cloudtrail} module names them. */
    static Map<String, String> ownFields(JsonNode r) {
        Map<String, String> f = new LinkedHashMap<>();
        // Panther keeps its test events in its own normalised form: "2025-01-21 17:49:47.000000000", UTC.
        putText(f, "@timestamp", r.path("eventTime"));
        f.computeIfPresent("@timestamp", (k, v) -> PANTHER_TIME.matcher(v).matches() ? v.replace(' ', 'T') + "Z" : v);
        putText(f, "event.action", r.path("eventName"));
        putText(f, "event.provider", r.path("eventSource"));
        putText(f, "cloud.region", r.path("awsRegion"));
        putText(f, "user_agent.original", r.path("userAgent"));
        String address = r.path("sourceIPAddress").asText("");
        if (IpAddresses.isIp(address)) {
            f.put("source.ip", address);
        }
        JsonNode identity = r.path("userIdentity");
        if (identity.path("type").asText("").equals("IAMUser")) {
            putText(f, "user.name", identity.path("userName"));
        }
        if (r.path("eventName").isTextual()) {
            boolean failed = !r.path("errorCode").asText("").isEmpty()
                    || "Failure".equalsIgnoreCase(r.path("responseElements").path(r.path("eventName").asText()).asText(""));
            f.put("event.outcome", failed ? "failure" : "success");
        }
        return f;
    }

    private static void putText(Map<String, String> f, String field, JsonNode value) {
        if (value.isTextual() && !value.textValue().isEmpty()) {
            f.put(field, value.textValue());
        }
    }

    private static List<JsonNode> pantherLogs(Path file) {
        JsonNode doc = YamlSubset.read(SharedCorpora.read(file));
        List<JsonNode> logs = new ArrayList<>();
        if (doc.path("LogTypes").toString().contains("\"AWS.CloudTrail\"")) {
            doc.path("Tests").forEach(t -> logs.add(t.path("Log")));
        } else if ("AWS.CloudTrail".equals(doc.path("LogType").asText())) {
            doc.path("Logs").forEach(logs::add);
        }
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode log : logs) {
            records.add(log.isTextual() ? SharedCorpora.readJson(log.textValue()) : log);
        }
        return records;
    }

    private static Map<String, String> sekoiaCloudTrail(Map<String, Object> expected) {
        Map<String, String> fields = ExpectedNames.same("@timestamp", "event.action", "event.provider", "cloud.provider",
                        "cloud.region", "source.ip", "source.domain", "user_agent.original")
                .with("cloud.account.id", "aws.cloudtrail.user_identity.account_id")
                .apply(expected);
        return fields;
    }

    private static List<CorpusRun> vpcflow(Path root) {
        CorpusRun docs = new CorpusRun("aws-docs", "vpcflow", VpcFlowParser::new);
        docs.add(SharedCorpora.awsDocCodeBlockLines(root, root.resolve("aws-docs/doc_source/flow-logs-records-examples.md"),
                NOW_ISH));
        docs.note("the records of every code block of the flow log examples page, in order, so that a block's header "
                + "line sets the field order of the records after it");
        CorpusRun sekoia = new CorpusRun(SEKOIA, "vpcflow", VpcFlowParser::new);
        ExpectedNames names = ExpectedNames.same("@timestamp", "event.start", "event.end", "source.ip", "source.port",
                        "destination.ip", "destination.port", "network.iana_number", "network.transport", "source.packets",
                        "source.bytes", "cloud.account.id")
                .with("action.name", "event.action");
        sekoia.add(SharedCorpora.sekoia(root, root.resolve(SEKOIA + "/AWS/aws-flow-logs"), l -> true,
                UnaryOperator.identity(), NOW_ISH, names::apply));
        sekoia.note("records from several flow logs, none with a header: the default and all-fields layouts apply");
        return List.of(docs, sekoia);
    }

    private static List<CorpusRun> wazuh(Path root) {
        CorpusRun alerts = new CorpusRun("wazuh-alerts", "wazuh", () -> new WazuhAlertParser("wazuh.alerts"));
        for (Path file : SharedCorpora.files(root.resolve("wazuh-alerts/tests"), n -> n.endsWith(".yaml"))) {
            List<JsonNode> samples = new ArrayList<>();
            Matcher m = ALERT_SAMPLE.matcher(SharedCorpora.read(file));
            while (m.find()) {
                samples.add(SharedCorpora.readJson(m.group(1).replace("''", "'").replaceAll("\\s*\\n\\s*", " ")));
            }
            alerts.add(alertFile(root, file, samples, CloudCorpora::wazuh4Fields));
        }
        alerts.note("4.x `alerts.json` lines quoted in integration tests (YAML single-quoted, folded); expected: "
                + "the alert's own fields in Wazuh's names mapped to ECS (`timestamp`, `data.srcip`, `data.srcport`, "
                + "`data.srcuser`/`dstuser`, `agent.name`, `rule.id`, `rule.level`, `rule.description`, `full_log`)");
        for (Path file : SharedCorpora.files(root.resolve("wazuh-alerts/plugins/main/server/lib/sample-data/dataset"),
                n -> n.endsWith(".json"))) {
            List<JsonNode> findings = new ArrayList<>();
            SharedCorpora.nonBlankLines(file).forEach(l -> findings.add(SharedCorpora.readJson(l)));
            alerts.add(alertFile(root, file, findings, CloudCorpora::wazuh5Fields));
        }
        alerts.note("5.x findings (NDJSON sample data) are ECS already: their ECS fields are expected unchanged, "
                + "`rule.id`/`rule.name` from `wazuh.rule.id`/`title`");
        return List.of(alerts);
    }

    private static CorpusFile alertFile(Path root, Path file, List<JsonNode> alerts,
                                        Function<Map<String, Object>, Map<String, String>> expect) {
        List<String> lines = new ArrayList<>();
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        for (JsonNode alert : alerts) {
            expected.put(lines.size(), expect.apply(EventJson.fromJson(alert).fields()));
            lines.add(alert.toString());
        }
        return new CorpusFile(SharedCorpora.label(root, file), lines, NOW_ISH, expected);
    }

    private static Map<String, String> wazuh4Fields(Map<String, Object> alert) {
        Map<String, String> f = ExpectedNames.of("timestamp", "@timestamp", "data.srcip", "source.ip",
                        "data.srcport", "source.port", "data.dstip", "destination.ip", "agent.name", "host.name",
                        "rule.id", "rule.id", "rule.level", "event.severity", "rule.description", "rule.name",
                        "full_log", "message", "data.srcuser", "user.name")
                .with("data.dstuser", "user.name")
                .apply(alert);
        return f;
    }

    private static Map<String, String> wazuh5Fields(Map<String, Object> finding) {
        return ExpectedNames.same("@timestamp", "source.ip", "source.port", "destination.ip", "destination.port",
                        "user.name", "event.action", "event.outcome", "host.hostname", "process.name", "process.pid",
                        "url.original", "http.request.method", "http.response.status_code", "message")
                .with("wazuh.rule.id", "rule.id")
                .with("wazuh.rule.title", "rule.name")
                .apply(finding);
    }
}
