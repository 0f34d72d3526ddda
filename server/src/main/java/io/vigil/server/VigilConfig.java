package io.vigil.server;

import io.vigil.intel.feeds.IntelSettings;
import io.vigil.notify.NotifyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Server settings. Sources, later ones winning: defaults, a YAML file, environment variables
 * ({@code VIGIL_*}), command-line options.
 *
 * @param dataDir where indices, the write-ahead log, state and {@code credentials} live
 * @param bind address to listen on
 * @param httpPort HTTP port (0 picks a free one)
 * @param maxBodyBytes largest request body accepted (as sent, before gzip decoding); larger is 413
 * @param maxLineBytes longer lines are stored cut to this length and tagged {@code _truncated}
 * @param maxConcurrentIngest ingest requests processed at once; others wait up to
 *     {@code ingestQueueWait} and then get 429
 * @param ingestQueueWait how long an ingest request may wait for a slot
 * @param retentionDays whole days older than this are dropped; 0 keeps everything
 * @param refreshInterval how soon new events are searchable (at most 1 s)
 * @param demo load the demo data set at start
 * @param intel threat feeds and GeoIP ({@code geoip:} and {@code intel:} in YAML, {@code VIGIL_GEOIP_*}, {@code VIGIL_INTEL_*})
 * @param notifications public URL, SMTP server and retry policy of notifications
 */
public record VigilConfig(Path dataDir, String bind, int httpPort, long maxBodyBytes, int maxLineBytes,
                          int maxConcurrentIngest, Duration ingestQueueWait, int retentionDays,
                          Duration refreshInterval, boolean demo, NotifyConfig notifications,
                          IntelSettings intel) {

    private static final Set<String> YAML_KEYS = Set.of("data", "bind", "http_port", "retention_days",
            "refresh_interval", "demo", "ingest", "public_url", "smtp", "notify", "geoip", "intel",
            "syslog"); // syslog: read by io.vigil.syslog.SyslogConfig
    private static final Set<String> YAML_INGEST_KEYS = Set.of("max_body_bytes", "max_line_bytes",
            "max_concurrent", "queue_wait");

    public VigilConfig {
        intel = intel == null ? IntelSettings.defaults() : intel;
        List<String> errors = new ArrayList<>();
        if (httpPort < 0 || httpPort > 65535) {
            errors.add("http port must be 0-65535, got " + httpPort);
        }
        if (maxBodyBytes < 1024) {
            errors.add("max body bytes must be at least 1024, got " + maxBodyBytes);
        }
        if (maxLineBytes < 256) {
            errors.add("max line bytes must be at least 256, got " + maxLineBytes);
        }
        if (maxConcurrentIngest < 1) {
            errors.add("max concurrent ingest must be at least 1, got " + maxConcurrentIngest);
        }
        if (retentionDays < 0) {
            errors.add("retention days must be 0 (keep all) or more, got " + retentionDays);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", errors));
        }
    }

    /** Without notification settings: the defaults of {@link NotifyConfig}. */
    public VigilConfig(Path dataDir, String bind, int httpPort, long maxBodyBytes, int maxLineBytes,
                       int maxConcurrentIngest, Duration ingestQueueWait, int retentionDays,
                       Duration refreshInterval, boolean demo) {
        this(dataDir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest, ingestQueueWait, retentionDays,
                refreshInterval, demo, NotifyConfig.defaults(), IntelSettings.defaults());
    }

    public static VigilConfig defaults() {
        return new VigilConfig(Path.of("data"), "127.0.0.1", 8080, 10L * 1024 * 1024, 1024 * 1024,
                Math.max(2, Runtime.getRuntime().availableProcessors() * 2), Duration.ofSeconds(2), 0,
                Duration.ofMillis(250), false);
    }

    public VigilConfig withDataDir(Path dir) {
        return new VigilConfig(dir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest, ingestQueueWait,
                retentionDays, refreshInterval, demo, notifications, intel);
    }

    public VigilConfig withHttp(String bindAddress, int port) {
        return new VigilConfig(dataDir, bindAddress, port, maxBodyBytes, maxLineBytes, maxConcurrentIngest,
                ingestQueueWait, retentionDays, refreshInterval, demo, notifications, intel);
    }

    public VigilConfig withIngestLimits(long bodyBytes, int lineBytes, int concurrent, Duration queueWait) {
        return new VigilConfig(dataDir, bind, httpPort, bodyBytes, lineBytes, concurrent, queueWait, retentionDays,
                refreshInterval, demo, notifications, intel);
    }

    public VigilConfig withRetentionDays(int days) {
        return new VigilConfig(dataDir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest,
                ingestQueueWait, days, refreshInterval, demo, notifications, intel);
    }

    public VigilConfig withDemo(boolean load) {
        return new VigilConfig(dataDir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest,
                ingestQueueWait, retentionDays, refreshInterval, load, notifications, intel);
    }

    public VigilConfig withNotify(NotifyConfig settings) {
        return new VigilConfig(dataDir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest,
                ingestQueueWait, retentionDays, refreshInterval, demo, settings, intel);
    }

    /** Applies a YAML file; unknown keys are an error naming them. */
    public VigilConfig withYaml(Path file) throws IOException {
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromInputStream(in);
        }
        if (root == null) {
            return this;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping at the top level");
        }
        rejectUnknown(file, "", map, YAML_KEYS);
        VigilConfig c = this;
        if (map.containsKey("data")) {
            c = c.withDataDir(Path.of(map.get("data").toString()));
        }
        String b = map.containsKey("bind") ? map.get("bind").toString() : c.bind;
        int port = map.containsKey("http_port") ? intValue(file, "http_port", map.get("http_port")) : c.httpPort;
        c = c.withHttp(b, port);
        if (map.containsKey("retention_days")) {
            c = c.withRetentionDays(intValue(file, "retention_days", map.get("retention_days")));
        }
        if (map.containsKey("demo")) {
            c = c.withDemo(Boolean.parseBoolean(map.get("demo").toString()));
        }
        if (map.containsKey("refresh_interval")) {
            c = new VigilConfig(c.dataDir, c.bind, c.httpPort, c.maxBodyBytes, c.maxLineBytes, c.maxConcurrentIngest,
                    c.ingestQueueWait, c.retentionDays, io.vigil.query.DateMath.duration(map.get("refresh_interval").toString()), c.demo,
                    c.notifications, c.intel);
        }
        if (map.get("ingest") instanceof Map<?, ?> ingest) {
            rejectUnknown(file, "ingest.", ingest, YAML_INGEST_KEYS);
            c = c.withIngestLimits(
                    ingest.containsKey("max_body_bytes") ? longValue(file, "ingest.max_body_bytes", ingest.get("max_body_bytes")) : c.maxBodyBytes,
                    ingest.containsKey("max_line_bytes") ? intValue(file, "ingest.max_line_bytes", ingest.get("max_line_bytes")) : c.maxLineBytes,
                    ingest.containsKey("max_concurrent") ? intValue(file, "ingest.max_concurrent", ingest.get("max_concurrent")) : c.maxConcurrentIngest,
                    ingest.containsKey("queue_wait") ? io.vigil.query.DateMath.duration(ingest.get("queue_wait").toString()) : c.ingestQueueWait);
        }
        c = c.withNotify(c.notifications.withYaml(file, map));
        return c.withIntel(c.intel.withYaml(file.toString(), map.get("geoip"), map.get("intel")));
    }

    /**
     * Applies {@code VIGIL_DATA}, {@code VIGIL_BIND}, {@code VIGIL_HTTP_PORT}, {@code VIGIL_RETENTION_DAYS},
     * {@code VIGIL_MAX_BODY_BYTES}, and {@code VIGIL_PUBLIC_URL} and {@code VIGIL_SMTP_*} ({@link NotifyConfig}).
     */
    public VigilConfig withEnvironment(Map<String, String> env) {
        VigilConfig c = this;
        if (env.containsKey("VIGIL_DATA")) {
            c = c.withDataDir(Path.of(env.get("VIGIL_DATA")));
        }
        c = c.withHttp(env.getOrDefault("VIGIL_BIND", c.bind),
                env.containsKey("VIGIL_HTTP_PORT") ? Integer.parseInt(env.get("VIGIL_HTTP_PORT")) : c.httpPort);
        if (env.containsKey("VIGIL_RETENTION_DAYS")) {
            c = c.withRetentionDays(Integer.parseInt(env.get("VIGIL_RETENTION_DAYS")));
        }
        if (env.containsKey("VIGIL_MAX_BODY_BYTES")) {
            c = c.withIngestLimits(Long.parseLong(env.get("VIGIL_MAX_BODY_BYTES")), c.maxLineBytes,
                    c.maxConcurrentIngest, c.ingestQueueWait);
        }
        c = c.withNotify(c.notifications.withEnvironment(env));
        return c.withIntel(c.intel.withEnvironment(env));
    }

    public VigilConfig withIntel(IntelSettings settings) {
        return new VigilConfig(dataDir, bind, httpPort, maxBodyBytes, maxLineBytes, maxConcurrentIngest,
                ingestQueueWait, retentionDays, refreshInterval, demo, notifications, settings);
    }

    private static void rejectUnknown(Path file, String prefix, Map<?, ?> map, Set<String> known) {
        List<String> unknown = map.keySet().stream().map(Object::toString).filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown setting(s) " + unknown.stream().map(k -> prefix + k).toList()
                    + "; known: " + known.stream().sorted().map(k -> prefix + k).toList());
        }
    }

    private static int intValue(Path file, String key, Object v) {
        return (int) longValue(file, key, v);
    }

    private static long longValue(Path file, String key, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a number, got '" + v + "'");
        }
    }
}
