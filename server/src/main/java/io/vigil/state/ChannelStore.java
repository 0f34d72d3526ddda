package io.vigil.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.EventJson;
import io.vigil.notify.Channel;
import io.vigil.notify.ChannelException;
import io.vigil.notify.ChannelFormat;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The notification channels, persisted in {@code DATA/state/channels.json}. The file holds the
 * secrets in clear (they are needed to send), so it is written with mode 0600; every change is
 * written to a temporary file and renamed over the old one, so a crash leaves either version.
 * A file that does not read back as valid channels stops the start with the problems listed.
 * Thread-safe.
 */
public final class ChannelStore {
    private final Path file;
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    private ChannelStore(Path file) {
        this.file = file;
    }

    /** Loads the stored channels (none when the file does not exist yet). */
    public static ChannelStore open(Path dataDir) throws IOException {
        ChannelStore store = new ChannelStore(Files.createDirectories(dataDir.resolve("state")).resolve("channels.json"));
        if (Files.exists(store.file)) {
            Map<String, List<Map<String, Object>>> stored = EventJson.MAPPER.readValue(store.file.toFile(),
                    new TypeReference<Map<String, List<Map<String, Object>>>>() {});
            for (Map<String, Object> m : stored.getOrDefault("channels", List.of())) {
                try {
                    Channel c = ChannelFormat.fromMap(m, null);
                    store.channels.put(c.name(), c);
                } catch (ChannelException e) {
                    throw new IOException(store.file + ": channel " + m.get("name") + ": " + String.join("; ", e.problems()), e);
                }
            }
        }
        return store;
    }

    public synchronized List<Channel> list() {
        return List.copyOf(channels.values());
    }

    public synchronized Optional<Channel> get(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    /** Adds a channel; {@link IllegalStateException} when the name is taken. */
    public synchronized Channel create(Channel c) throws IOException {
        if (channels.containsKey(c.name())) {
            throw new IllegalStateException("a channel named " + c.name() + " already exists");
        }
        channels.put(c.name(), c);
        save();
        return c;
    }

    /** Replaces a channel; {@link NoSuchElementException} when there is none of that name. */
    public synchronized Channel replace(Channel c) throws IOException {
        if (!channels.containsKey(c.name())) {
            throw new NoSuchElementException("no channel " + c.name());
        }
        channels.put(c.name(), c);
        save();
        return c;
    }

    /** Removes a channel; false when there was none of that name. */
    public synchronized boolean delete(String name) throws IOException {
        if (channels.remove(name) == null) {
            return false;
        }
        save();
        return true;
    }

    private void save() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        channels.values().forEach(c -> out.add(c.toMap(true)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), Map.of("channels", out));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
