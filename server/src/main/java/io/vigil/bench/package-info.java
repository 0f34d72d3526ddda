/**
 * The benchmark harness behind {@code vigil bench}: ingest throughput (pipeline and HTTP), search
 * latency percentiles over a large store, parser throughput, shippers end to end, and threat
 * intelligence at scale with the cost of enrichment on ingest ({@code --iocs N}). Inputs are
 * synthetic and deterministic (seeded), or real snapshots read in place from {@code ../shared/data}.
 * Figures go to {@code docs/benchmarks.md}.
 */
package io.vigil.bench;
