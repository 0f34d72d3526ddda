package io.vigil.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.EventJson;
import io.vigil.intel.FeedDefinition;
import io.vigil.intel.FeedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threat feeds in force: the built-in catalogue, user feeds, and user changes to catalogue
 * feeds (enabled, refresh, severity, ...; kept as overrides so an upgraded catalogue still
 * applies to what the user did not change), persisted in {@code DATA/state/feeds.json}.
 *
 * <p>Every change is written to a temporary file and moved over the old one, so a crash leaves
 * the old file or the new one. A change whose write fails leaves memory as it was. Thread-safe:
 * changes are serialised.
 */
public final class FeedStore {
    /** What a change did, or why it did nothing. */
    public enum Outcome {
        /** The change was made. */
        DONE,
        /** Create: a feed of that name exists. */
        EXISTS,
        /** Delete: the feed is in the built-in catalogue (disable it instead). */
        BUILT_IN,
        /** Replace or delete: no feed of that name. */
        MISSING
    }

    /** A feed as the API shows it: the effective definition and where it comes from. */
    public record Entry(FeedDefinition feed, boolean builtIn, boolean changed) {}

    private final Path file;
    private final Map<String, FeedDefinition> catalogue;
    private final Map<String, FeedDefinition> custom = new LinkedHashMap<>();
    private final Map<String, FeedDefinition> overrides = new LinkedHashMap<>();

    private FeedStore(Path file, Map<String, FeedDefinition> catalogue) {
        this.file = file;
        this.catalogue = new LinkedHashMap<>(catalogue);
    }

    /**
     * Opens {@code DATA/state/feeds.json} (absent: the catalogue as shipped).
     *
     * @throws IOException when the file cannot be read or holds invalid feeds (every problem listed)
     */
    public static FeedStore open(Path dataDir, Map<String, FeedDefinition> catalogue) throws IOException {
        Path file = Files.createDirectories(dataDir.resolve("state")).resolve("feeds.json");
        FeedStore store = new FeedStore(file, catalogue);
        if (Files.exists(file)) {
            store.load();
        }
        return store;
    }

    private void load() throws IOException {
        Map<String, Map<String, Map<String, Object>>> stored = EventJson.MAPPER.readValue(file.toFile(),
                new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {});
        List<String> problems = new ArrayList<>();
        read(stored.getOrDefault("custom", Map.of()), custom, "custom", problems);
        read(stored.getOrDefault("overrides", Map.of()), overrides, "overrides", problems);
        overrides.keySet().retainAll(catalogue.keySet()); // a feed dropped from the catalogue goes with its override
        if (!problems.isEmpty()) {
            throw new IOException(file + " holds invalid feeds: " + String.join("; ", problems));
        }
    }

    private static void read(Map<String, Map<String, Object>> in, Map<String, FeedDefinition> out, String section,
                             List<String> problems) {
        in.forEach((name, map) -> {
            try {
                out.put(name, FeedDefinition.fromMap(map));
            } catch (FeedException e) {
                problems.add(section + "." + name + ": " + e.getMessage());
            }
        });
    }

    /** Every feed: catalogue first, in catalogue order, then user feeds in creation order. */
    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (String name : catalogue.keySet()) {
            out.add(get(name).orElseThrow());
        }
        custom.values().forEach(f -> out.add(new Entry(f, false, false)));
        return out;
    }

    public synchronized Optional<Entry> get(String name) {
        FeedDefinition builtIn = catalogue.get(name);
        if (builtIn != null) {
            FeedDefinition override = overrides.get(name);
            return Optional.of(override == null ? new Entry(builtIn, true, false) : new Entry(override, true, true));
        }
        FeedDefinition c = custom.get(name);
        return c == null ? Optional.empty() : Optional.of(new Entry(c, false, false));
    }

    public synchronized Outcome create(FeedDefinition feed) throws IOException {
        if (catalogue.containsKey(feed.name()) || custom.containsKey(feed.name())) {
            return Outcome.EXISTS;
        }
        custom.put(feed.name(), feed);
        saveOrUndo(() -> custom.remove(feed.name()));
        return Outcome.DONE;
    }

    /** Replaces a user feed, or changes a catalogue feed (kept as an override; equal to the catalogue drops it). */
    public synchronized Outcome replace(FeedDefinition feed) throws IOException {
        String name = feed.name();
        if (catalogue.containsKey(name)) {
            FeedDefinition previous = overrides.get(name);
            if (feed.equals(catalogue.get(name))) {
                overrides.remove(name);
            } else {
                overrides.put(name, feed);
            }
            saveOrUndo(() -> restore(overrides, name, previous));
            return Outcome.DONE;
        }
        FeedDefinition previous = custom.get(name);
        if (previous == null) {
            return Outcome.MISSING;
        }
        custom.put(name, feed);
        saveOrUndo(() -> custom.put(name, previous));
        return Outcome.DONE;
    }

    public synchronized Outcome delete(String name) throws IOException {
        if (catalogue.containsKey(name)) {
            return Outcome.BUILT_IN;
        }
        FeedDefinition previous = custom.remove(name);
        if (previous == null) {
            return Outcome.MISSING;
        }
        saveOrUndo(() -> custom.put(name, previous));
        return Outcome.DONE;
    }

    private static void restore(Map<String, FeedDefinition> map, String name, FeedDefinition previous) {
        if (previous == null) {
            map.remove(name);
        } else {
            map.put(name, previous);
        }
    }

    private void saveOrUndo(Runnable undo) throws IOException {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            undo.run();
            throw e;
        }
    }

    private void save() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> c = new LinkedHashMap<>();
        custom.forEach((name, f) -> c.put(name, f.toMap(true)));
        Map<String, Object> o = new LinkedHashMap<>();
        overrides.forEach((name, f) -> o.put(name, f.toMap(true)));
        out.put("custom", c);
        out.put("overrides", o);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), out);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
