package io.vigil.intel.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import io.vigil.parse.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each feed's last good data and status on disk, under {@code DATA/intel/}: {@code <name>.data}
 * (the body as fetched or uploaded; for TAXII the accumulated bundle) and
 * {@code <name>.status.json}. A restart matches from these at once, without the network. Files are
 * replaced by moving a complete temporary file over them, so a crash never leaves half a feed.
 * Feed names are restricted to {@code [a-z0-9_-]}, so they are safe file names. Thread-safe per
 * feed when callers serialise work on one feed.
 */
public final class FeedCache {
    private final Path dir;

    public FeedCache(Path dataDir) throws IOException {
        this.dir = Files.createDirectories(dataDir.resolve("intel"));
    }

    public Optional<String> body(String name) throws IOException {
        Path file = dir.resolve(name + ".data");
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    public void writeBody(String name, String body) throws IOException {
        write(dir.resolve(name + ".data"), body);
    }

    /** The stored status; {@link FeedStatus#NEVER} when there is none or it cannot be read. */
    public FeedStatus status(String name) {
        Path file = dir.resolve(name + ".status.json");
        if (!Files.exists(file)) {
            return FeedStatus.NEVER;
        }
        try {
            JsonNode n = EventJson.MAPPER.readTree(file.toFile());
            List<String> examples = new ArrayList<>();
            n.path("rejected_examples").forEach(e -> examples.add(e.asText()));
            return new FeedStatus(time(n, "last_success"), time(n, "last_attempt"), text(n, "last_error"),
                    time(n, "last_error_at"), n.path("failing").asBoolean(false), n.path("entries").asInt(), n.path("rejected").asLong(),
                    n.path("excluded").asInt(), examples, text(n, "etag"), text(n, "last_modified"), text(n, "added_after"));
        } catch (IOException e) {
            return FeedStatus.NEVER; // a damaged status only costs one unconditional fetch
        }
    }

    public void writeStatus(String name, FeedStatus s) throws IOException {
        ObjectNode n = EventJson.MAPPER.createObjectNode();
        n.put("last_success", s.lastSuccess() == null ? null : s.lastSuccess().toString());
        n.put("last_attempt", s.lastAttempt() == null ? null : s.lastAttempt().toString());
        n.put("last_error", s.lastError());
        n.put("last_error_at", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
        n.put("failing", s.failing());
        n.put("entries", s.entries());
        n.put("rejected", s.rejected());
        n.put("excluded", s.excluded());
        s.examples().forEach(n.putArray("rejected_examples")::add);
        n.put("etag", s.etag());
        n.put("last_modified", s.lastModified());
        n.put("added_after", s.addedAfter());
        write(dir.resolve(name + ".status.json"), EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    /** Forgets a feed's data and status (a deleted feed, or a changed URL). */
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name + ".data"));
        Files.deleteIfExists(dir.resolve(name + ".status.json"));
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Instant time(JsonNode n, String field) {
        return n.hasNonNull(field) ? Timestamps.iso(n.get(field).asText()) : null;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
