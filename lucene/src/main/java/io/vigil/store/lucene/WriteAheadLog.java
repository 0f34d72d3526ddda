package io.vigil.store.lucene;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of record batches in segment files ({@code wal-<first seq>.log}), each record
 * {@code [length][crc32c][seq][payload]}. {@link #append} hands out increasing sequence numbers;
 * {@link #sync} makes a record durable, batching concurrent callers into one fsync (group commit).
 * A checkpoint file names the last sequence number whose records the index has committed; older
 * segments are deleted. A torn record at the tail (crash mid-write) ends replay: it was never
 * acknowledged. Thread-safe.
 */
final class WriteAheadLog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final int HEADER = 4 + 4 + 8;
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;

    private final Path dir;
    private final Object syncLock = new Object();
    private FileChannel channel;
    private long segmentBytes;
    private long lastSeq;
    private volatile long syncedSeq;
    private long checkpoint;

    /** A record read back: its sequence number and payload. */
    record Entry(long seq, byte[] payload) {}

    WriteAheadLog(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        Path cp = dir.resolve("checkpoint");
        checkpoint = Files.exists(cp) ? Long.parseLong(Files.readString(cp).trim()) : 0;
        lastSeq = checkpoint;
    }

    /**
     * Reads every intact record after the checkpoint, in order, and positions the log to append
     * after the last one. Call once, before the first append.
     */
    synchronized List<Entry> replay() throws IOException {
        List<Entry> out = new ArrayList<>();
        List<Path> segments = segments();
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            long good = 0;
            boolean torn = false;
            try (InputStream raw = Files.newInputStream(segment);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                while (true) {
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException eof) {
                        break;
                    }
                    int crc = in.readInt();
                    long seq = in.readLong();
                    if (length < 0 || length > 512 * 1024 * 1024) {
                        LOG.warn("write-ahead log {}: corrupt record length {} after seq {}; rest ignored", segment, length, lastSeq);
                        torn = true;
                        break;
                    }
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    CRC32C check = new CRC32C();
                    check.update(payload);
                    check.update(ByteBuffer.allocate(8).putLong(0, seq));
                    if ((int) check.getValue() != crc) {
                        LOG.warn("write-ahead log {}: checksum mismatch at seq {}; rest ignored (torn write)", segment, seq);
                        torn = true;
                        break;
                    }
                    good += HEADER + length;
                    lastSeq = Math.max(lastSeq, seq);
                    if (seq > checkpoint) {
                        out.add(new Entry(seq, payload));
                    }
                }
            } catch (EOFException eof) {
                LOG.info("write-ahead log {}: incomplete last record ignored (it was never acknowledged)", segment);
                torn = true;
            }
            if (torn) {
                // Cut the unacknowledged tail so that nothing is ever appended after garbage.
                try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    c.truncate(good);
                    c.force(true);
                }
            }
        }
        syncedSeq = lastSeq;
        openSegment();
        return out;
    }

    /** Appends one record; answers its sequence number. Not durable until {@link #sync}. */
    synchronized long append(byte[] payload) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("replay() must run before append()");
        }
        if (segmentBytes > SEGMENT_BYTES) {
            channel.force(false);
            syncedSeq = lastSeq;
            channel.close();
            openSegment();
        }
        long seq = ++lastSeq;
        CRC32C crc = new CRC32C();
        crc.update(payload);
        crc.update(ByteBuffer.allocate(8).putLong(0, seq));
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(payload.length).putInt((int) crc.getValue()).putLong(seq).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        while (header.hasRemaining() || body.hasRemaining()) {
            channel.write(new ByteBuffer[] {header, body});
        }
        segmentBytes += HEADER + payload.length;
        return seq;
    }

    /** Returns once the record with this sequence number, and all before it, are on disk. */
    void sync(long seq) throws IOException {
        if (syncedSeq >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (syncedSeq >= seq) {
                return;
            }
            FileChannel current;
            long target;
            synchronized (this) {
                current = channel;
                target = lastSeq;
            }
            try {
                current.force(false);
            } catch (java.nio.channels.ClosedChannelException rolledOver) {
                // append() rolled the segment over, forcing it first; syncedSeq covers it.
                if (syncedSeq >= seq) {
                    return;
                }
                throw rolledOver;
            }
            syncedSeq = Math.max(syncedSeq, target);
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Records that everything up to {@code seq} is committed elsewhere and deletes what is no longer needed. */
    void checkpoint(long seq) throws IOException {
        Path tmp = dir.resolve("checkpoint.tmp");
        Files.writeString(tmp, Long.toString(seq), StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        synchronized (this) {
            checkpoint = seq;
        }
        List<Path> segments = segments();
        // A segment can go when the next one starts at or before checkpoint + 1.
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (firstSeq(segments.get(i + 1)) - 1 <= seq) {
                Files.deleteIfExists(segments.get(i));
            }
        }
    }

    private void openSegment() throws IOException {
        Path file = dir.resolve(String.format("wal-%020d.log", lastSeq + 1));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segmentBytes = channel.size();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new file's directory entry
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the file itself is still synced.
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList();
        }
    }

    private static long firstSeq(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(4, 24));
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
            channel = null;
        }
    }
}
