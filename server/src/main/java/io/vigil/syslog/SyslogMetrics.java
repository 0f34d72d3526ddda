package io.vigil.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The syslog receiver's counters in {@code /metrics}. Every message is received once and then
 * either stored or dropped with a reason, so {@code received = stored + dropped + waiting}:
 * <ul>
 *   <li>{@code vigil_syslog_messages_received_total{transport}}: messages read (udp, tcp, tls);</li>
 *   <li>{@code vigil_syslog_messages_stored_total{transport}}: messages whose events are durable;</li>
 *   <li>{@code vigil_syslog_messages_dropped_total{transport,reason}}: {@code queue_full} (UDP only:
 *       TCP waits instead), {@code store_failure} and {@code shutdown} (the store still failing, or
 *       messages still waiting, when the server stops);</li>
 *   <li>{@code vigil_syslog_connections_open{transport}}, {@code vigil_syslog_connections_refused_total{reason}}
 *       ({@code limit}, {@code tls_handshake}).</li>
 * </ul>
 * Datagrams the kernel drops because the socket's receive buffer is full never reach Vigil and
 * cannot be counted here ({@code netstat -su}, "receive buffer errors", shows them). Thread-safe.
 */
final class SyslogMetrics {
    private final MeterRegistry registry;
    private final Map<Transport, Counter> received = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> stored = new EnumMap<>(Transport.class);
    private final Map<Transport, AtomicInteger> open = new EnumMap<>(Transport.class);

    SyslogMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport t : Transport.values()) {
            received.put(t, Counter.builder("vigil.syslog.messages.received").description("Syslog messages read")
                    .tag("transport", t.tag()).register(registry));
            stored.put(t, Counter.builder("vigil.syslog.messages.stored").description("Syslog messages stored durably")
                    .tag("transport", t.tag()).register(registry));
            AtomicInteger gauge = new AtomicInteger();
            open.put(t, gauge);
            if (t != Transport.UDP) {
                Gauge.builder("vigil.syslog.connections.open", gauge, AtomicInteger::get)
                        .description("Syslog TCP connections open").tag("transport", t.tag()).register(registry);
            }
        }
        dropped(Transport.UDP, "queue_full", 0);
    }

    void received(Transport t) {
        received.get(t).increment();
    }

    void stored(Transport t, long messages) {
        stored.get(t).increment(messages);
    }

    void dropped(Transport t, String reason, long messages) {
        Counter.builder("vigil.syslog.messages.dropped").description("Syslog messages received but not stored, by reason")
                .tag("transport", t.tag()).tag("reason", reason).register(registry).increment(messages);
    }

    void refused(String reason) {
        Counter.builder("vigil.syslog.connections.refused").description("Syslog TCP connections closed at once, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void opened(Transport t) {
        open.get(t).incrementAndGet();
    }

    void closed(Transport t) {
        open.get(t).decrementAndGet();
    }
}
