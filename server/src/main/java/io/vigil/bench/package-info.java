/**
 * The benchmark harness behind {@code vigil bench}: ingest throughput (pipeline and HTTP) and search
 * latency percentiles over a large store. Figures go to {@code docs/benchmarks.md}.
 */
package io.vigil.bench;
