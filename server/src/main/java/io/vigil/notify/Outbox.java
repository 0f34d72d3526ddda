package io.vigil.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications not yet finished, one small JSON file each in {@code DATA/outbox/<id>.json}.
 *
 * <p>Promises: when {@link #put} returns, the notification is on disk (the file is written to a
 * temporary name, fsynced, renamed over the old one and the directory fsynced), so it survives a
 * crash and is sent after a restart; a reader never sees half a file. A finished notification is
 * written with its final status before {@link #remove} deletes it, so a crash in between only means
 * the final status is recorded again at the next start. Delivery is therefore at least once.
 * Thread-safe for distinct ids; one id is written by one thread at a time (the notifier's).
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final String SUFFIX = ".json";

    private final Path dir;

    private Outbox(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the outbox directory and removes temporary files a crash left behind. */
    public static Outbox open(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : tmp) {
                Files.deleteIfExists(p);
            }
        }
        return new Outbox(dir);
    }

    /**
     * Every stored notification. A file that cannot be read is renamed to {@code <name>.unreadable}
     * (kept for a person to look at) and logged, instead of stopping the server.
     */
    public List<Notification> load() throws IOException {
        List<Notification> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : files) {
                try {
                    out.add(Notification.fromMap(EventJson.MAPPER.readValue(p.toFile(), new TypeReference<Map<String, Object>>() {})));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("outbox file {} cannot be read ({}); moved aside, it will not be sent", p, e.toString());
                    Files.move(p, p.resolveSibling(p.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Notification::created));
        return out;
    }

    /** Writes a notification durably (see the class contract). */
    public void put(Notification n) throws IOException {
        Path file = file(n.id());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = EventJson.MAPPER.writeValueAsBytes(n.toMap());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Forgets a finished notification. */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(file(id));
    }

    private Path file(String id) {
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a notification id: " + id);
        }
        return dir.resolve(id + SUFFIX);
    }

    /** Makes the rename itself durable (on Linux a directory can be opened and forced). */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the file itself is already fsynced.
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}
