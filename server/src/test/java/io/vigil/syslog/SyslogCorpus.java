package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.Ecs;
import io.vigil.parse.ParseResult;
import io.vigil.parse.ParserRegistry;
import io.vigil.parse.RawEvent;
import io.vigil.parse.SyslogRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shipper tests send: real syslog lines ({@code src/test/resources/syslog}, see its
 * README) split into program and body, and real nginx access lines sent as program {@code nginx}.
 * The shipper writes its own header; what Vigil stores is checked against what the same messages
 * give when parsed in-process: the same number of events per dataset, nothing lost or duplicated.
 */
final class SyslogCorpus {
    /** One message: the program (syslog tag) and the text after the header. */
    record Message(String program, String body) {}

    private static final Pattern BSD_LINE = Pattern.compile("^\\w{3} +\\d+ [\\d:]+ \\S+ ([^\\s\\[:]+)(?:\\[\\d+\\])?: ?(.*)$");
    private static final List<String> FILES = List.of("filebeat-auth.log", "crowdsec-ssh-slow-bf.log", "crowdsec-iptables.log");

    final List<Message> messages;

    private SyslogCorpus(List<Message> messages) {
        this.messages = List.copyOf(messages);
    }

    /** The syslog samples and the first {@code nginxLines} lines of the Apache/nginx access sample. */
    static SyslogCorpus load(int nginxLines) {
        List<Message> messages = new ArrayList<>();
        for (String file : FILES) {
            for (String line : resource("/syslog/" + file).lines().toList()) {
                Matcher m = BSD_LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("not a syslog line in " + file + ": " + line);
                }
                messages.add(new Message(m.group(1), m.group(2)));
            }
        }
        resource("/ingest/apache_logs.log").lines().limit(nginxLines).forEach(l -> messages.add(new Message("nginx", l)));
        return new SyslogCorpus(messages);
    }

    int size() {
        return messages.size();
    }

    /** Bodies by program, in order: one file (or one logger run) per program. */
    Map<String, List<String>> bodiesByProgram() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Message m : messages) {
            out.computeIfAbsent(m.program(), p -> new ArrayList<>()).add(m.body());
        }
        return out;
    }

    /** Writes {@code <program>.log} files of bodies into {@code dir}; answers them by program. */
    Map<String, Path> writeBodies(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : bodiesByProgram().entrySet()) {
            files.put(e.getKey(), Files.write(dir.resolve(e.getKey() + ".log"), e.getValue()));
        }
        return files;
    }

    /** Events per dataset when the messages are parsed in-process. */
    Map<String, Long> expectedDatasets() {
        SyslogRouter router = SyslogRouter.withDefaults(ParserRegistry.builtIn(), Map.of());
        Map<String, Long> out = new TreeMap<>();
        for (Message m : messages) {
            String line = "<13>Nov 28 10:00:00 shipper " + m.program() + ": " + m.body();
            ParseResult r = router.parse(RawEvent.of(line));
            String dataset = ((ParseResult.Parsed) r).events().get(0).getString(Ecs.EVENT_DATASET);
            out.merge(dataset, 1L, Long::sum);
        }
        return out;
    }

    /**
     * Waits for every message, then checks: exactly as many events as messages (none lost, none
     * twice), as many per dataset as in-process parsing gives, and the fields of a few known lines.
     */
    void assertStoredIn(SyslogFixture f) throws IOException, InterruptedException {
        assertThat(f.awaitCount("*", size(), Duration.ofSeconds(30))).as("events stored").isEqualTo(size());
        Thread.sleep(300); // a duplicate arriving late would show now
        assertThat(f.count("*")).as("events stored, none twice").isEqualTo(size());
        Map<String, Long> stored = new TreeMap<>();
        for (String dataset : expectedDatasets().keySet()) {
            stored.put(dataset, f.count("event.dataset:\"" + dataset + "\""));
        }
        assertThat(stored).isEqualTo(expectedDatasets());
        assertThat(f.count("event.dataset:system.auth AND user.name:hadoop AND source.ip:\"103.100.210.198\""
                + " AND process.name:sshd")).isEqualTo(22);
        assertThat(f.count("event.action:ssh_login AND user.name:vagrant AND event.outcome:success")).isEqualTo(2);
        assertThat(f.count("event.dataset:iptables.log AND source.ip:\"195.54.160.107\" AND destination.port:8123"))
                .isEqualTo(3);
        long nginx = bodiesByProgram().get("nginx").size();
        assertThat(f.count("event.dataset:nginx.access AND process.name:nginx AND _exists_:http.response.status_code"
                + " AND NOT tags:_parse_failure")).isEqualTo(nginx);
        assertThat(f.count("source.ip:\"83.149.9.216\" AND url.original:\\/presentations*")).isPositive();
        assertThat(f.count("tags:_parse_failure")).isZero();
    }

    private static String resource(String name) {
        try (InputStream in = SyslogCorpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
