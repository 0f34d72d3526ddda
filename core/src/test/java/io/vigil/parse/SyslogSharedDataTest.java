package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.Ecs;
import io.vigil.event.EcsSyslog;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.event.IpAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs real syslog and auth logs through the {@code syslog} and {@code sshd} types. The files are
 * read in place from the shared test-data folder (system property {@code vigil.shared.data},
 * {@code ../shared/data}; its MANIFEST.md gives sources and licences) and never copied: loghub is
 * for research use and fail2ban's logs are GPL. Skipped when the folder is absent.
 *
 * <p>Checks, per file: at least 95% of records have a syslog header; and every sshd line naming a
 * client IP address (any IP literal but the server's own, {@link #SERVER_ADDRESS}) yields
 * {@code source.ip}. Filebeat's expected outputs are also compared field by
 * field, mapping their 2019 ECS 1.0 names onto today's.
 */
class SyslogSharedDataTest {
    private static final Instant RECEIVED = Instant.parse("2025-01-15T12:00:00Z");
    private static final String FILEBEAT = "elastic-beats-filebeat/filebeat/module/system/";
    private static final String FAIL2BAN = "fail2ban-testlogs/fail2ban/tests/files/logs/";
    /** Splits a message into words; a host name such as 1.2.3.4.example.net stays one word. */
    private static final Pattern WORDS = Pattern.compile("[\\s,;=()\\[\\]\"']+");
    /** Server addresses: the listening socket, and "via" / "on" the local address. */
    private static final Pattern SERVER_ADDRESS = Pattern.compile(
            "^Server listening on .*|\\b(?:via|on) \\S+");

    private Path data;

    @BeforeEach
    void findData() {
        String dir = System.getProperty("vigil.shared.data", "../shared/data");
        data = Path.of(dir);
        assumeTrue(Files.isDirectory(data), "shared test data not found at " + data.toAbsolutePath()
                + " (set -Dvigil.shared.data); skipping");
    }

    /** One file and how its records are read. */
    private record Source(String path, boolean journal) {
        /** fail2ban's journal fixture holds "host unit[pid]: message" with no time; one is prepended. */
        String record(String line) {
            return journal ? "Jan  1 00:00:00 " + line : line;
        }
    }

    private record Stats(int records, int parsed, int understood, int sshdWithIp, int sourceIpFound,
            List<String> failures, List<String> missingIp) {}

    @Test
    void parsesRealSyslogAndAuthLogs() throws IOException {
        Map<String, Parser> types = new LinkedHashMap<>();
        types.put("syslog", SyslogParser.standard());
        types.put("sshd", SyslogParser.sshd());
        List<String> problems = new ArrayList<>();
        System.out.printf("%-72s %-6s %6s %6s %6s %6s %9s%n",
                "file", "type", "lines", "parsed", "failed", "known", "ssh ip");
        for (Source source : sources()) {
            List<String> records = records(source);
            for (Map.Entry<String, Parser> type : types.entrySet()) {
                Stats s = run(type.getValue(), records);
                System.out.printf("%-72s %-6s %6d %6d %6d %6d %4d/%-4d%n", source.path(), type.getKey(), s.records(),
                        s.parsed(), s.records() - s.parsed(), s.understood(), s.sourceIpFound(), s.sshdWithIp());
                s.failures().stream().limit(3).forEach(f -> System.out.println("    failed: " + f));
                s.missingIp().stream().limit(3).forEach(f -> System.out.println("    no source.ip: " + f));
                if (s.parsed() < 0.95 * s.records()) {
                    problems.add(source.path() + " (" + type.getKey() + "): only " + s.parsed() + "/" + s.records());
                }
                if (!s.missingIp().isEmpty()) {
                    problems.add(source.path() + " (" + type.getKey() + "): no source.ip in " + s.missingIp());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Stats run(Parser parser, List<String> records) {
        int parsed = 0;
        int understood = 0;
        int sshdWithIp = 0;
        int sourceIp = 0;
        List<String> failures = new ArrayList<>();
        List<String> missingIp = new ArrayList<>();
        for (String record : records) {
            ParseResult result = parser.parse(new RawEvent(record, RECEIVED));
            if (result instanceof ParseResult.Failed failed) {
                failures.add(failed.reason() + ": " + record);
                continue;
            }
            parsed++;
            Event e = ((ParseResult.Parsed) result).events().get(0);
            understood += e.has(Ecs.EVENT_ACTION) ? 1 : 0;
            if (isSshdLineWithClientIp(e)) {
                sshdWithIp++;
                if (e.has(Ecs.SOURCE_IP)) {
                    sourceIp++;
                } else {
                    missingIp.add(record);
                }
            }
        }
        return new Stats(records.size(), parsed, understood, sshdWithIp, sourceIp, failures, missingIp);
    }

    private static boolean isSshdLineWithClientIp(Event e) {
        String program = e.getString(EcsSyslog.PROCESS_NAME);
        String body = e.getString(EcsSyslog.SYSLOG_MESSAGE);
        if (program == null || !program.startsWith("sshd") || body == null || body.startsWith("kernel:")) {
            // fail2ban's journal fixture tests its own tolerance of a kernel prefix inside sshd's
            // message; sshd never writes one.
            return false;
        }
        for (String word : WORDS.split(SERVER_ADDRESS.matcher(body).replaceAll(" "))) {
            String t = word.replaceAll("^[:.]+|[:.]+$", "");
            boolean shaped = t.chars().filter(c -> c == '.').count() == 3 || t.chars().filter(c -> c == ':').count() >= 2;
            if (shaped && IpAddresses.isIp(t)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void agreesWithFilebeatExpectedFields() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String file : List.of("auth/test/test.log", "syslog/test/suse-syslog.log",
                "syslog/test/darwin-syslog-sample.log")) {
            List<String> records = records(new Source(FILEBEAT + file, false));
            JsonNode expected = EventJson.MAPPER.readTree(data.resolve(FILEBEAT + file + "-expected.json").toFile());
            assertThat(expected.size()).as(file).isEqualTo(records.size());
            for (int i = 0; i < records.size(); i++) {
                compare(file + ":" + (i + 1), records.get(i), (ObjectNode) expected.get(i), problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Filebeat 7.0 (ECS 1.0) names that Vigil writes under another name or form. */
    private static final Map<String, String> FILEBEAT_NAMES = Map.of(
            "system.auth.sudo.user", "user.effective.name",
            "system.auth.ssh.dropped_ip", Ecs.SOURCE_IP,
            "message", EcsSyslog.SYSLOG_MESSAGE,
            "event.outcome", EcsSyslog.SSH_EVENT);
    /** Filebeat fields about its own pipeline, or from enrichment Vigil does elsewhere. */
    private static final Pattern FILEBEAT_ONLY = Pattern.compile(
            "ecs\\.version|fileset\\.name|input\\.type|log\\.offset|log\\.flags|service\\.type|event\\.module"
                    + "|source\\.geo\\..*");

    private static void compare(String where, String record, ObjectNode expected, List<String> problems) {
        String program = expected.path("process.name").asText();
        if (program.equals("useradd") || program.equals("groupadd")) {
            return; // account management lines are not parsed into fields yet
        }
        ParseResult result = SyslogParser.standard().parse(new RawEvent(record, RECEIVED));
        if (!(result instanceof ParseResult.Parsed parsed)) {
            problems.add(where + ": failed: " + ((ParseResult.Failed) result).reason());
            return;
        }
        ObjectNode actual = EventJson.toFlat(parsed.events().get(0));
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            if (FILEBEAT_ONLY.matcher(field.getKey()).matches()) {
                continue;
            }
            if (field.getKey().equals("event.outcome") && field.getValue().asText().equals("Invalid")) {
                // ECS 1.0 Filebeat wrote "Invalid" for "Invalid user"; Vigil says so in event.action.
                assertField(where, actual, Ecs.EVENT_ACTION, "ssh_invalid_user", problems);
                continue;
            }
            if (field.getKey().equals(Ecs.EVENT_DATASET) && field.getValue().asText().equals("system.syslog")) {
                assertField(where, actual, Ecs.EVENT_DATASET, SyslogParser.DATASET, problems);
                continue;
            }
            String name = FILEBEAT_NAMES.getOrDefault(field.getKey(), field.getKey());
            assertField(where, actual, name, field.getValue().asText(), problems);
        }
    }

    private static void assertField(String where, ObjectNode actual, String name, String want, List<String> problems) {
        JsonNode got = actual.get(name);
        if (got == null || !got.asText().equals(want)) {
            problems.add(where + ": " + name + " expected " + want + ", got " + got);
        }
    }

    private List<Source> sources() throws IOException {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("loghub/Linux/Linux_2k.log", false));
        for (String f : List.of("auth/test/test.log", "auth/test/secure-rhel7.log", "syslog/test/suse-syslog.log",
                "syslog/test/darwin-syslog-sample.log")) {
            sources.add(new Source(FILEBEAT + f, false));
        }
        sources.add(new Source(FAIL2BAN + "sshd-journal", true));
        sources.add(new Source(FAIL2BAN + "pam-generic", false));
        Path crowdsec = data.resolve("crowdsec-hub-tests/.tests");
        try (Stream<Path> dirs = Files.list(crowdsec)) {
            for (Path dir : dirs.sorted().toList()) {
                Path config = dir.resolve("config.yaml");
                if (!Files.exists(config) || !Files.readString(config).contains("log_type: syslog")) {
                    continue;
                }
                try (Stream<Path> logs = Files.list(dir)) {
                    logs.filter(p -> p.toString().endsWith(".log")).sorted()
                            .forEach(p -> sources.add(new Source(data.relativize(p).toString(), false)));
                }
            }
        }
        return sources;
    }

    /**
     * Non-empty lines, without fail2ban's {@code #} annotations; a line that starts with white
     * space continues the record before it, as a multi-line reader would join it.
     */
    private List<String> records(Source source) throws IOException {
        List<String> records = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve(source.path()), StandardCharsets.UTF_8)) {
            if (line.isBlank() || source.path().startsWith(FAIL2BAN) && line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !records.isEmpty()) {
                records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
            } else {
                records.add(source.record(line));
            }
        }
        return records;
    }
}
