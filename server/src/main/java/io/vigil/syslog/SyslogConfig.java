package io.vigil.syslog;

import io.vigil.query.DateMath;
import io.vigil.query.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Syslog receiver settings: the listeners and the limits they share. Sources, later ones winning:
 * {@link #defaults()}, the {@code syslog:} section of the YAML file, {@code VIGIL_SYSLOG_PORT},
 * {@code --syslog-port}. In the file and the option, port 0 means no listener.
 *
 * @param listeners each one a port with its own program map; empty means syslog is off
 * @param maxConnections TCP connections open at once over all listeners; more are closed at once
 *     and counted in {@code vigil.syslog.connections.refused}
 * @param queueBytes decoded messages waiting for the store, in bytes of their text; when full, TCP
 *     connections stop being read (the sender's buffers fill and it slows down) and UDP datagrams
 *     are dropped and counted
 * @param batchLines most messages in one store append
 * @param batchWait longest a message waits for its batch to fill before it is appended
 * @param writers threads appending batches at once; more than one overlaps indexing, fsync and
 *     detection, at the price of batches from one connection possibly being stored out of order
 */
public record SyslogConfig(List<Listener> listeners, int maxConnections, long queueBytes, int batchLines,
                           Duration batchWait, int writers) {
    /** The port the syslog receiver listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5514;

    /** Two: one indexes while the other waits for fsync or runs detection. */
    private static final int WRITERS = 2;
    private static final Set<String> LISTENER_KEYS = Set.of("port", "bind", "udp", "tls", "programs");
    private static final Set<String> KEYS = Set.of("port", "bind", "udp", "tls", "programs", "listeners",
            "max_connections", "queue_bytes", "batch_lines", "batch_wait", "writers");
    private static final Set<String> TLS_KEYS = Set.of("certificate", "key");

    /**
     * One listening port.
     *
     * @param bind the address to listen on; null means the HTTP bind address
     * @param port 1-65535, or 0 for a free port chosen at start (tests); the UDP socket, if any,
     *     takes the same number as the TCP one
     * @param udp also receive datagrams; never with TLS
     * @param tls the TCP socket speaks TLS (RFC 5425) with this certificate; null for plain TCP
     * @param programs types by program, added to (and replacing entries of) the built-in map of
     *     {@link io.vigil.parse.SyslogRouter}
     */
    public record Listener(String bind, int port, boolean udp, Tls tls, Map<String, List<String>> programs) {
        public Listener {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("syslog port must be 0-65535, got " + port);
            }
            if (udp && tls != null) {
                throw new IllegalArgumentException("syslog port " + port + ": TLS is TCP only; set udp: false");
            }
            programs = Map.copyOf(programs);
        }

        /** Plain UDP and TCP on a port, built-in program map. */
        public static Listener plain(int port) {
            return new Listener(null, port, true, null, Map.of());
        }
    }

    /**
     * A PEM certificate (chain, server first) and its unencrypted PKCS#8 or PKCS#1 RSA key.
     */
    public record Tls(Path certificate, Path key) {
        public Tls {
            if (certificate == null || key == null) {
                throw new IllegalArgumentException("syslog tls needs both certificate and key");
            }
        }
    }

    public SyslogConfig {
        listeners = List.copyOf(listeners);
        List<String> errors = new ArrayList<>();
        if (maxConnections < 1) {
            errors.add("max_connections must be at least 1, got " + maxConnections);
        }
        if (queueBytes < 1 << 20 || queueBytes > Integer.MAX_VALUE) {
            errors.add("queue_bytes must be 1 MiB to 2 GiB, got " + queueBytes);
        }
        if (batchLines < 1) {
            errors.add("batch_lines must be at least 1, got " + batchLines);
        }
        if (batchWait.isNegative() || batchWait.isZero()) {
            errors.add("batch_wait must be positive, got " + batchWait);
        }
        if (writers < 1 || writers > 64) {
            errors.add("writers must be 1-64, got " + writers);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid syslog configuration: " + String.join("; ", errors));
        }
    }

    /** UDP and TCP on port 5514. */
    public static SyslogConfig defaults() {
        return disabled().withListeners(List.of(Listener.plain(DEFAULT_PORT)));
    }

    /** No listener. */
    public static SyslogConfig disabled() {
        return new SyslogConfig(List.of(), 1000, 64L << 20, 5000, Duration.ofMillis(50), WRITERS);
    }

    public SyslogConfig withListeners(List<Listener> list) {
        return new SyslogConfig(list, maxConnections, queueBytes, batchLines, batchWait, writers);
    }

    public SyslogConfig withLimits(int connections, long bytes, int lines, Duration wait) {
        return new SyslogConfig(listeners, connections, bytes, lines, wait, writers);
    }

    public SyslogConfig withWriters(int threads) {
        return new SyslogConfig(listeners, maxConnections, queueBytes, batchLines, batchWait, threads);
    }

    /** Sets the port of the first listener (adding a plain one when there is none); 0 removes it. */
    public SyslogConfig withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("syslog port must be 0 (off) or 1-65535, got " + port);
        }
        List<Listener> list = new ArrayList<>(listeners);
        if (port == 0) {
            if (!list.isEmpty()) {
                list.remove(0);
            }
        } else if (list.isEmpty()) {
            list.add(Listener.plain(port));
        } else {
            Listener first = list.get(0);
            list.set(0, new Listener(first.bind(), port, first.udp(), first.tls(), first.programs()));
        }
        return withListeners(list);
    }

    /** Applies {@code VIGIL_SYSLOG_PORT}. */
    public SyslogConfig withEnvironment(Map<String, String> env) {
        String port = env.get("VIGIL_SYSLOG_PORT");
        if (port == null || port.isBlank()) {
            return this;
        }
        try {
            return withPort(Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("VIGIL_SYSLOG_PORT must be a number, got '" + port + "'");
        }
    }

    /**
     * Applies the {@code syslog:} section of a YAML file: {@code port}, {@code bind}, {@code udp},
     * {@code tls: {certificate, key}} and {@code programs} describe the first listener (port 0: none),
     * {@code listeners:} a list of further ones with the same keys, and {@code max_connections},
     * {@code queue_bytes}, {@code batch_lines}, {@code batch_wait} the shared limits. Unknown keys are
     * an error naming them.
     */
    public SyslogConfig withYaml(Path file) throws IOException {
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromInputStream(in);
        }
        if (!(root instanceof Map<?, ?> top) || top.get("syslog") == null) {
            return this;
        }
        Yaml yaml = new Yaml(file);
        Map<?, ?> section = yaml.map("syslog", top.get("syslog"), KEYS);
        List<Listener> list = new ArrayList<>();
        Listener first = listeners.isEmpty() ? Listener.plain(DEFAULT_PORT) : listeners.get(0);
        Listener main = yaml.listener("syslog", section, first);
        if (main.port() != 0) {
            list.add(main);
        }
        if (section.get("listeners") instanceof List<?> more) {
            for (int i = 0; i < more.size(); i++) {
                String where = "syslog.listeners[" + i + "]";
                Listener l = yaml.listener(where, yaml.map(where, more.get(i), LISTENER_KEYS), Listener.plain(0));
                if (l.port() == 0) {
                    throw new IllegalArgumentException(file + ": " + where + ".port must be 1-65535");
                }
                list.add(l);
            }
        } else if (section.containsKey("listeners")) {
            throw new IllegalArgumentException(file + ": syslog.listeners must be a list");
        }
        return new SyslogConfig(list,
                (int) yaml.number("syslog.max_connections", section.get("max_connections"), maxConnections),
                yaml.number("syslog.queue_bytes", section.get("queue_bytes"), queueBytes),
                (int) yaml.number("syslog.batch_lines", section.get("batch_lines"), batchLines),
                yaml.duration("syslog.batch_wait", section.get("batch_wait"), batchWait),
                (int) yaml.number("syslog.writers", section.get("writers"), writers));
    }

    /** Reading values out of one YAML file, every error naming the file and the key. */
    private record Yaml(Path file) {
        Map<?, ?> map(String where, Object value, Set<String> known) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": " + where + " must be a mapping");
            }
            List<String> unknown = map.keySet().stream().map(String::valueOf).filter(k -> !known.contains(k)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(file + ": unknown setting(s) " + unknown.stream().map(k -> where + "." + k).toList()
                        + "; known: " + known.stream().sorted().map(k -> where + "." + k).toList());
            }
            return map;
        }

        Listener listener(String where, Map<?, ?> m, Listener base) {
            int port = (int) number(where + ".port", m.get("port"), base.port());
            String bind = m.containsKey("bind") ? String.valueOf(m.get("bind")) : base.bind();
            Map<?, ?> t = m.get("tls") == null ? null : map(where + ".tls", m.get("tls"), TLS_KEYS);
            Map<String, List<String>> programs = m.containsKey("programs") ? programs(where + ".programs", m.get("programs"))
                    : base.programs();
            try {
                Tls tls = t == null ? base.tls() : new Tls(path(t.get("certificate")), path(t.get("key")));
                boolean udp = m.containsKey("udp") ? Boolean.parseBoolean(String.valueOf(m.get("udp"))) : tls == null && base.udp();
                return new Listener(bind, port, udp, tls, programs);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + where + ": " + e.getMessage(), e);
            }
        }

        /** {@code program: type} or {@code program: [type, type]}. */
        Map<String, List<String>> programs(String where, Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": " + where + " must map program names to types");
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            map.forEach((program, types) -> {
                List<String> list = types instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(types));
                out.put(String.valueOf(program), list);
            });
            return out;
        }

        long number(String key, Object v, long otherwise) {
            if (v == null) {
                return otherwise;
            }
            if (v instanceof Number n) {
                return n.longValue();
            }
            try {
                return Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + key + " must be a number, got '" + v + "'");
            }
        }

        Duration duration(String key, Object v, Duration otherwise) {
            if (v == null) {
                return otherwise;
            }
            try {
                return DateMath.duration(v.toString());
            } catch (QueryException e) {
                throw new IllegalArgumentException(file + ": " + key + ": " + e.getMessage(), e);
            }
        }

        Path path(Object v) {
            return v == null ? null : Path.of(v.toString());
        }
    }
}
