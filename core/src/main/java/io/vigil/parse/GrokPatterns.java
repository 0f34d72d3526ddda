package io.vigil.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The grok pattern bank shipped with Vigil: Logstash's ECS v1 patterns ({@code %{IP}},
 * {@code %{COMBINEDAPACHELOG}}, {@code %{SYSLOGLINE}}, ...), read from
 * {@code grok/patterns/} on the class path (see the README there for source and licence).
 *
 * <p>Captures in these patterns carry ECS names in Logstash's bracket form
 * ({@code [source][address]}); {@link GrokParser} stores them dotted.
 */
public final class GrokPatterns {
    private GrokPatterns() {}

    /** Every bundled file, listed by name: the class path cannot be listed reliably, and nothing is found by scanning. */
    private static final List<String> FILES = List.of(
            "grok-patterns", "aws", "bacula", "bind", "bro", "exim", "firewalls", "haproxy", "httpd", "java",
            "junos", "linux-syslog", "maven", "mcollective", "mongodb", "nagios", "postgresql", "rails", "redis",
            "ruby", "squid", "zeek");

    /**
     * {@code %{NAME:field:type}}. opensearch-grok converts typed captures itself and throws on the
     * first value that does not fit (an {@code :int} over 2^31, a {@code %{NUMBER:x:int}} of 1.5),
     * failing the whole line; with the type moved into the capture name ({@code field@int}),
     * {@link GrokParser} converts each field on its own the way a convert mapping does.
     */
    private static final Pattern TYPED = Pattern.compile(
            "(%\\{[A-Za-z0-9_]+:[A-Za-z0-9@\\[\\]_.\\-]+):(int|long|float|double|boolean|string)}");

    // After TYPED, which rewrite() needs.
    private static final Map<String, String> BUNDLED = load();
    private static final Map<String, String> BANK = rewrite(BUNDLED);

    /** Pattern name to definition, in file order; unmodifiable. */
    public static Map<String, String> bundled() {
        return BUNDLED;
    }

    /** The bundled patterns as {@link GrokParser} compiles them, with {@link #typesInNames} applied. */
    static Map<String, String> bank() {
        return BANK;
    }

    private static Map<String, String> rewrite(Map<String, String> patterns) {
        Map<String, String> out = new LinkedHashMap<>();
        patterns.forEach((name, definition) -> out.put(name, typesInNames(definition)));
        return Collections.unmodifiableMap(out);
    }

    /** Reads a pattern file: {@code NAME definition} per line, {@code #} comments and blank lines skipped. */
    static Map<String, String> read(BufferedReader in) throws IOException {
        Map<String, String> patterns = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length == 2) {
                patterns.put(parts[0], parts[1]);
            }
        }
        return patterns;
    }

    /** The expression with each {@code %{NAME:field:type}} written {@code %{NAME:field@type}}. */
    static String typesInNames(String expression) {
        return TYPED.matcher(expression).replaceAll("$1@$2}");
    }

    private static Map<String, String> load() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String file : FILES) {
            String resource = "/grok/patterns/" + file;
            try (InputStream in = GrokPatterns.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("grok pattern file missing from the jar: " + resource);
                }
                all.putAll(read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return Collections.unmodifiableMap(all);
    }
}
