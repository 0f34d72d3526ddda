package io.vigil.store.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.index.ReaderManager;

/** One UTC day of events: its own Lucene index, writer and near-real-time reader. Thread-safe. */
final class DailyIndex implements Closeable {
    final LocalDate day;
    final Path path;
    final IndexWriter writer;
    final ReaderManager readers;

    DailyIndex(LocalDate day, Path path, double ramBufferMb) throws IOException {
        this.day = day;
        this.path = path;
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer(CharArraySet.EMPTY_SET))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(ramBufferMb)
                .setCommitOnClose(true);
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
        merges.setMaxMergesAndThreads(4, 1);
        config.setMergeScheduler(merges);
        this.writer = new IndexWriter(FSDirectory.open(path), config);
        this.readers = new ReaderManager(writer, true, true);
    }

    /** Makes recent writes visible to newly acquired readers; waits for a refresh in progress. */
    void refresh() throws IOException {
        readers.maybeRefreshBlocking();
    }

    DirectoryReader acquire() throws IOException {
        return readers.acquire();
    }

    void release(DirectoryReader reader) throws IOException {
        readers.release(reader);
    }

    @Override
    public void close() throws IOException {
        try (ReferenceManager<DirectoryReader> r = readers) {
            writer.close();
        } finally {
            writer.getDirectory().close();
        }
    }
}
