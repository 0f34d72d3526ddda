package io.vigil.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the nginx_error, apache_error, haproxy, iptables and vpcflow parsers over real logs and other
 * projects' test vectors in the shared data folder ({@code ../shared/data}, system property
 * {@code vigil.shared.data}; see its MANIFEST.md for sources and licences). Prints per file the lines,
 * parsed and failed; requires 95% of non-blank lines per type to parse; where the source states
 * expected values (Filebeat's {@code -expected.json}, CrowdSec's {@code parser.assert}, Sekoia's
 * tests) compares key fields and lists every difference. Skipped when the folder is absent.
 *
 * <p>The files are only read here: several have no licence or an Elastic licence and must not be
 * copied into the project.
 */
class WebNetworkCorpusTest {
    private static final double MIN_RATE = 0.95;
    /** Filebeat's test files are a 2019 snapshot; their syslog lines were written before it. */
    private static final Instant FILEBEAT_ERA = Instant.parse("2019-03-20T00:00:00Z");
    private static final Instant NOW_ISH = Instant.parse("2026-08-22T00:00:00Z");

    private static final Pattern NGINX_ERROR_LINE = Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[");
    private static final Pattern APACHE_ERROR_LINE = Pattern.compile("^\\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ");
    private static final Predicate<String> NGINX_ERROR = l -> NGINX_ERROR_LINE.matcher(l).find();
    private static final Predicate<String> APACHE_ERROR = l -> APACHE_ERROR_LINE.matcher(l).find();
    private static final Predicate<String> HAPEE_JSON = l -> l.contains(": [ACCESS] ") && l.contains("{\"");

    private static Path root;

    @BeforeAll
    static void findSharedData() {
        String dir = System.getProperty("vigil.shared.data");
        boolean present = dir != null && Files.isDirectory(Path.of(dir));
        String skipped = "shared test data folder not found (vigil.shared.data=" + dir + "); corpus tests skipped";
        if (!present) {
            // Surefire does not show why a class was skipped in @BeforeAll; say it in the build log.
            System.out.println(WebNetworkCorpusTest.class.getSimpleName() + ": " + skipped);
        }
        assumeTrue(present, skipped);
        root = Path.of(dir);
    }

    @Test
    void nginxErrorLogs() throws IOException {
        CorpusTally tally = new CorpusTally("nginx_error", NginxErrorParser::new);
        Map<String, String> filebeat = Map.of("@timestamp", "@timestamp", "log.level", "log.level",
                "process.pid", "process.pid", "process.thread.id", "process.thread.id",
                "nginx.error.connection_id", "nginx.error.connection_id");
        tally.run(SharedCorpora.filebeat(root,
                root.resolve("elastic-beats-filebeat/filebeat/module/nginx/error/test/error.log"), FILEBEAT_ERA, filebeat));
        Map<String, String> crowdsec = Map.of("remote_addr", "source.ip", "loglevel", "log.level",
                "pid", "process.pid", "tid", "process.thread.id", "cid", "nginx.error.connection_id");
        for (Path log : SharedCorpora.files(root.resolve("crowdsec-hub-tests/.tests"), n -> n.endsWith(".log"))) {
            if (log.toString().contains("nginx")) {
                CorpusFile file = SharedCorpora.crowdsec(root, log, NGINX_ERROR, NOW_ISH, crowdsec);
                if (!file.lines().isEmpty()) {
                    tally.run(file);
                }
            }
        }
        tally.run(SharedCorpora.sekoia(root, root.resolve("sekoia-intake-formats/NGINX"), NGINX_ERROR, NOW_ISH,
                Map.of("@timestamp", "@timestamp", "log.level", "log.level", "error.message", "error.message")));
        check(tally);
    }

    @Test
    void apacheErrorLogs() throws IOException {
        CorpusTally tally = new CorpusTally("apache_error", ApacheErrorParser::new);
        Map<String, String> filebeat = Map.of("@timestamp", "@timestamp", "log.level", "log.level",
                "process.pid", "process.pid", "process.thread.id", "process.thread.id",
                "apache.error.module", "apache.error.module", "source.ip", "source.ip", "message", "error.message");
        for (Path log : SharedCorpora.files(root.resolve("elastic-beats-filebeat/filebeat/module/apache/error"),
                n -> n.endsWith(".log"))) {
            tally.run(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, filebeat));
        }
        Map<String, String> crowdsec = Map.of("client", "source.ip", "clientport", "source.port",
                "loglevel", "log.level", "module", "apache.error.module", "pid", "process.pid",
                "tid", "process.thread.id", "errorcode", "error.code");
        for (Path log : SharedCorpora.files(root.resolve("crowdsec-hub-tests/.tests"), n -> n.endsWith(".log"))) {
            if (root.relativize(log).toString().contains("/apache")) {
                CorpusFile file = SharedCorpora.crowdsec(root, log, APACHE_ERROR, NOW_ISH, crowdsec);
                if (!file.lines().isEmpty()) {
                    tally.run(file);
                }
            }
        }
        tally.run(SharedCorpora.sekoia(root, root.resolve("sekoia-intake-formats/Apache"), APACHE_ERROR, NOW_ISH,
                Map.of("source.ip", "source.ip", "process.id", "process.pid", "process.thread.id", "process.thread.id")));
        check(tally);
    }

    @Test
    void haproxyLogs() throws IOException {
        CorpusTally tally = new CorpusTally("haproxy", HaproxyParser::new);
        Map<String, String> filebeat = Map.ofEntries(
                Map.entry("source.ip", "source.ip"), Map.entry("source.port", "source.port"),
                Map.entry("destination.ip", "destination.ip"), Map.entry("destination.port", "destination.port"),
                Map.entry("http.response.status_code", "http.response.status_code"),
                Map.entry("http.response.bytes", "http.response.bytes"), Map.entry("haproxy.bytes_read", "destination.bytes"),
                Map.entry("haproxy.frontend_name", "haproxy.frontend_name"),
                Map.entry("haproxy.backend_name", "haproxy.backend_name"),
                Map.entry("haproxy.server_name", "haproxy.server_name"),
                Map.entry("haproxy.termination_state", "haproxy.termination_state"),
                Map.entry("haproxy.total_waiting_time_ms", "haproxy.total_waiting_time_ms"),
                Map.entry("haproxy.connection_wait_time_ms", "haproxy.connection_wait_time_ms"),
                Map.entry("haproxy.http.request.time_wait_ms", "haproxy.http.request.time_wait_ms"),
                Map.entry("haproxy.connections.active", "haproxy.connections.active"),
                Map.entry("haproxy.server_queue", "haproxy.server_queue"),
                Map.entry("event.duration", "event.duration"), Map.entry("process.pid", "process.pid"));
        for (Path log : SharedCorpora.files(root.resolve("elastic-beats-filebeat/filebeat/module/haproxy"),
                n -> n.endsWith(".log"))) {
            tally.run(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, filebeat));
        }
        Path sekoia = root.resolve("sekoia-intake-formats/HAProxy");
        for (String name : SharedCorpora.sekoiaNames(sekoia, HAPEE_JSON)) {
            tally.exclude("sekoia-intake-formats/HAProxy/.../" + name,
                    "HAProxy Enterprise WAF JSON ('[ACCESS] {...}'), not an HAProxy log format");
        }
        tally.run(SharedCorpora.sekoia(root, sekoia, HAPEE_JSON.negate(), NOW_ISH, Map.ofEntries(
                Map.entry("source.ip", "source.ip"), Map.entry("source.port", "source.port"),
                Map.entry("http.response.status_code", "http.response.status_code"),
                Map.entry("http.response.bytes", "http.response.bytes"),
                Map.entry("http.request.method", "http.request.method"), Map.entry("url.original", "url.original"),
                Map.entry("url.path", "url.path"), Map.entry("url.query", "url.query"),
                Map.entry("http.version", "http.version"), Map.entry("error.message", "error.message"))));
        check(tally);
    }

    @Test
    void iptablesLogs() throws IOException {
        CorpusTally tally = new CorpusTally("iptables", IptablesParser::new);
        Map<String, String> filebeat = Map.ofEntries(
                Map.entry("@timestamp", "@timestamp"), Map.entry("source.ip", "source.ip"),
                Map.entry("source.port", "source.port"), Map.entry("destination.ip", "destination.ip"),
                Map.entry("destination.port", "destination.port"), Map.entry("network.transport", "network.transport"),
                Map.entry("iptables.ttl", "iptables.ttl"), Map.entry("iptables.id", "iptables.id"),
                Map.entry("iptables.length", "iptables.length"), Map.entry("iptables.tos", "iptables.tos"),
                Map.entry("iptables.icmp.type", "iptables.icmp.type"), Map.entry("iptables.icmp.code", "iptables.icmp.code"),
                Map.entry("iptables.udp.length", "iptables.udp.length"), Map.entry("iptables.flow_label", "iptables.flow_label"),
                Map.entry("iptables.input_device", "observer.ingress.interface.name"),
                Map.entry("iptables.output_device", "observer.egress.interface.name"));
        // Elastic-licensed (x-pack): read here, never copied.
        for (Path log : SharedCorpora.files(root.resolve("elastic-beats-filebeat/x-pack/filebeat/module/iptables"),
                n -> n.endsWith(".log"))) {
            tally.run(SharedCorpora.filebeat(root, log, FILEBEAT_ERA, filebeat));
        }
        for (Path log : SharedCorpora.files(root.resolve("ufw-logs"), n -> n.startsWith("ufw.log"))) {
            tally.run(CorpusFile.of(root.relativize(log).toString(), LineParserTestCase.nonBlankLines(log), NOW_ISH));
        }
        Map<String, String> crowdsec = Map.of("src_ip", "source.ip", "dst_ip", "destination.ip",
                "src_port", "source.port", "dst_port", "destination.port", "proto", "network.transport",
                "ttl", "iptables.ttl");
        for (Path log : SharedCorpora.files(root.resolve("crowdsec-hub-tests/.tests"), n -> n.endsWith(".log"))) {
            if (log.toString().contains("iptables")) {
                tally.run(SharedCorpora.crowdsec(root, log, l -> true, NOW_ISH, crowdsec));
            }
        }
        tally.run(SharedCorpora.sekoia(root, root.resolve("sekoia-intake-formats/Netfilter"), l -> true, NOW_ISH,
                Map.of("source.ip", "source.ip", "source.port", "source.port", "destination.ip", "destination.ip",
                        "destination.port", "destination.port", "network.transport", "network.transport")));
        check(tally);
    }

    @Test
    void vpcFlowLogs() throws IOException {
        CorpusTally tally = new CorpusTally("vpcflow", VpcFlowParser::new);
        tally.run(SharedCorpora.awsDocCodeBlocks(root,
                root.resolve("aws-docs/doc_source/flow-logs-records-examples.md"), NOW_ISH));
        Path sekoia = root.resolve("sekoia-intake-formats/AWS/aws-flow-logs");
        Map<String, String> names = Map.ofEntries(
                Map.entry("@timestamp", "@timestamp"), Map.entry("event.start", "event.start"),
                Map.entry("event.end", "event.end"), Map.entry("source.ip", "source.ip"),
                Map.entry("source.port", "source.port"), Map.entry("destination.ip", "destination.ip"),
                Map.entry("destination.port", "destination.port"), Map.entry("network.iana_number", "network.iana_number"),
                Map.entry("network.transport", "network.transport"), Map.entry("source.packets", "source.packets"),
                Map.entry("source.bytes", "source.bytes"), Map.entry("cloud.account.id", "cloud.account.id"),
                Map.entry("action.name", "event.action"));
        // Records from several flow logs, none with a header: the default and all-fields layouts apply.
        tally.run(SharedCorpora.sekoia(root, sekoia, l -> true, NOW_ISH, names));
        check(tally);
    }

    private static void check(CorpusTally tally) {
        tally.printSummary();
        assertThat(tally.lines()).as("lines found in %s", root).isPositive();
        assertThat(tally.rate()).as("share of non-blank lines parsed").isGreaterThanOrEqualTo(MIN_RATE);
        assertThat(tally.mismatches()).as("fields that differ from the source's expected values").isEmpty();
    }
}
