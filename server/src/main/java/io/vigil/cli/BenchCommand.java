package io.vigil.cli;

import io.vigil.bench.Benchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil bench}: prints ingest throughput and search latency measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingest throughput and search latency on this machine.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "Working directory (the search store is kept and reused)", defaultValue = "bench-data")
    Path dir;

    @Option(names = "--pipeline-events", defaultValue = "1000000", description = "Events for the pipeline ingest run (0 skips)")
    long pipelineEvents;

    @Option(names = "--http-events", defaultValue = "500000", description = "Events for the HTTP ingest run (0 skips)")
    long httpEvents;

    @Option(names = "--search-events", defaultValue = "10000000", description = "Events in the search store (0 skips)")
    long searchEvents;

    @Option(names = "--queries", defaultValue = "200", description = "Timed runs per search")
    int queries;

    @Option(names = "--threads", defaultValue = "2", description = "Writer threads for pipeline ingest")
    int threads;

    @Option(names = "--parsers", description = "Also measure every parser's single-core throughput (lines/s)")
    boolean parsers;

    @Option(names = "--syslog-messages", defaultValue = "0", description = "Messages for the syslog TCP run (0 skips)")
    long syslogMessages;

    @Option(names = "--bulk-documents", defaultValue = "0", description = "Documents for the _bulk run (0 skips)")
    long bulkDocuments;

    @Option(names = "--detection-seconds", defaultValue = "0",
            description = "Seconds of steady ingest for the detection latency run (0 skips)")
    long detectionSeconds;

    @Option(names = "--detection-rate", defaultValue = "10000", description = "Events/s offered in the detection latency run")
    double detectionRate;

    @Option(names = "--iocs", defaultValue = "0",
            description = "Synthetic threat-intel indicators for the intel scale and enrichment cost run (0 skips)")
    int iocs;

    @Option(names = "--shared-data", defaultValue = "../shared/data",
            description = "Folder of real feed snapshots for the enrichment cost run (missing: intel part skipped)")
    Path sharedData;

    @Option(names = "--geoip", defaultValue = ".cache/geoip/geo-whois-asn-country.mmdb",
            description = "MaxMind-format database for the GeoIP cost run (missing: skipped; see .ci/fetch-geoip)")
    Path geoip;

    @Option(names = "--detection-batch", defaultValue = "500", description = "Lines per request in the detection latency run")
    int detectionBatch;

    @Override
    public Integer call() throws Exception {
        new Benchmark(new Benchmark.Options(dir, pipelineEvents, httpEvents, searchEvents, queries, threads,
                parsers, syslogMessages, bulkDocuments, detectionSeconds, detectionRate, detectionBatch, iocs, sharedData, geoip),
                System.out).run();
        return 0;
    }
}
