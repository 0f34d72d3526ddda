package io.vigil.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.ingest.IngestReport;
import java.util.concurrent.TimeUnit;

/**
 * Ingest counters for {@code /metrics}: events accepted and failed per type, requests refused per
 * reason, and ingest latency (request received to durable). Thread-safe.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Timer latency;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("vigil.ingest.latency")
                .description("Time from request received to events durable")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void ingested(String type, IngestReport report, long nanos) {
        Counter.builder("vigil.events.accepted").description("Events parsed and stored").tag("type", type)
                .register(registry).increment(report.accepted());
        Counter.builder("vigil.events.failed").description("Lines no parser understood (stored with _parse_failure)")
                .tag("type", type).register(registry).increment(report.failed());
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Counts the items of one Elasticsearch-compatible bulk or single-document request of a type:
     * {@code accepted} were stored (parsed or kept raw), {@code failed} were refused and not stored.
     * Type {@code unknown} counts items refused before a type was chosen.
     */
    public void bulkItems(String type, long accepted, long failed) {
        Counter.builder("vigil.bulk.items.accepted").description("Bulk items stored").tag("type", type)
                .register(registry).increment(accepted);
        Counter.builder("vigil.bulk.items.failed").description("Bulk items refused (not stored), answered with a per-item error")
                .tag("type", type).register(registry).increment(failed);
    }

    public void rejected(String reason) {
        Counter.builder("vigil.ingest.rejected").description("Ingest requests refused, by reason").tag("reason", reason)
                .register(registry).increment();
    }
}
