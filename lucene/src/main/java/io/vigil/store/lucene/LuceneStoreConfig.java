package io.vigil.store.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the embedded store.
 *
 * @param dataDir where {@code indices/}, {@code wal/} and {@code mappings.json} live
 * @param refreshInterval how often new events become searchable (at most 1 s)
 * @param commitInterval how often indices are committed and the write-ahead log trimmed
 * @param retentionDays whole days older than this are dropped; 0 keeps everything
 * @param ramBufferMb indexing buffer per daily index
 */
public record LuceneStoreConfig(Path dataDir, Duration refreshInterval, Duration commitInterval, int retentionDays,
                                double ramBufferMb) {
    public LuceneStoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (refreshInterval.isNegative() || refreshInterval.isZero() || refreshInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("refresh interval must be within (0, 1s], got " + refreshInterval);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commit interval must be positive, got " + commitInterval);
        }
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention days must be 0 (keep all) or more, got " + retentionDays);
        }
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("RAM buffer must be at least 1 MB, got " + ramBufferMb);
        }
    }

    public static LuceneStoreConfig defaults(Path dataDir) {
        return new LuceneStoreConfig(dataDir, Duration.ofMillis(250), Duration.ofSeconds(10), 0, 64);
    }

    public LuceneStoreConfig withRetentionDays(int days) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, days, ramBufferMb);
    }

    public LuceneStoreConfig withCommitInterval(Duration interval) {
        return new LuceneStoreConfig(dataDir, refreshInterval, interval, retentionDays, ramBufferMb);
    }
}
