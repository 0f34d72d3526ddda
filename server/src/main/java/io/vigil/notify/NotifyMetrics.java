package io.vigil.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Notification meters, tagged with the channel type: {@code vigil.notifications.sent},
 * {@code vigil.notifications.failed} (given up), {@code vigil.notifications.retries} (failed
 * attempts that will be retried), the gauge {@code vigil.notifications.pending}, and
 * {@code vigil.notifications.skipped} (a rule named a channel that does not exist).
 */
final class NotifyMetrics {
    static final List<String> TYPES = List.of(EmailChannel.TYPE, WebhookChannel.TYPE, SlackChannel.TYPE);

    private final MeterRegistry registry;
    private final Counter skipped;

    NotifyMetrics(MeterRegistry registry, ToLongFunction<String> pendingByType) {
        this.registry = registry;
        for (String type : TYPES) {
            Gauge.builder("vigil.notifications.pending", () -> pendingByType.applyAsLong(type)).tag("type", type)
                    .description("Notifications accepted and not yet sent or given up").register(registry);
            sent(type, 0);
            failed(type, 0);
            retried(type, 0);
        }
        skipped = Counter.builder("vigil.notifications.skipped").description("Rule actions naming a channel that does not exist")
                .register(registry);
    }

    void sent(String type) {
        sent(type, 1);
    }

    void failed(String type) {
        failed(type, 1);
    }

    void retried(String type) {
        retried(type, 1);
    }

    void skipped() {
        skipped.increment();
    }

    private void sent(String type, int n) {
        Counter.builder("vigil.notifications.sent").tag("type", type).description("Notifications delivered")
                .register(registry).increment(n);
    }

    private void failed(String type, int n) {
        Counter.builder("vigil.notifications.failed").tag("type", type)
                .description("Notifications given up after their last attempt").register(registry).increment(n);
    }

    private void retried(String type, int n) {
        Counter.builder("vigil.notifications.retries").tag("type", type)
                .description("Failed attempts that will be tried again").register(registry).increment(n);
    }
}
