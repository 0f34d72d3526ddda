package io.vigil.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards: the built-in ones listed in {@code dashboards/index.txt} in the jar (read-only),
 * and the user's, persisted in {@code DATA/state/dashboards.json} and saved atomically on every
 * change. A built-in dashboard that does not validate fails the start, naming its file. Thread-safe.
 */
public final class Dashboards {
    static final String INDEX = "dashboards/index.txt";

    private final Map<String, Dashboard> builtIns;
    private final Map<String, Dashboard> custom = new LinkedHashMap<>();
    private final Path file;

    private Dashboards(Map<String, Dashboard> builtIns, Path file) {
        this.builtIns = builtIns;
        this.file = file;
    }

    public static Dashboards open(Path dataDir) throws IOException {
        Path stateDir = Files.createDirectories(dataDir.resolve("state"));
        Dashboards d = new Dashboards(loadBuiltIns(), stateDir.resolve("dashboards.json"));
        if (Files.exists(d.file)) {
            for (JsonNode json : EventJson.MAPPER.readTree(d.file.toFile())) {
                Dashboard db = Dashboard.fromJson(withoutBuiltInFlag(json), false);
                d.custom.put(db.id(), db);
            }
        }
        return d;
    }

    /** Built-in first (in index order), then the user's in creation order. */
    public synchronized List<Dashboard> list() {
        List<Dashboard> all = new ArrayList<>(builtIns.values());
        all.addAll(custom.values());
        return all;
    }

    public synchronized Optional<Dashboard> find(String id) {
        Dashboard b = builtIns.get(id);
        return Optional.ofNullable(b != null ? b : custom.get(id));
    }

    /** Adds a user dashboard; false when the id is taken. */
    public synchronized boolean create(Dashboard d) throws IOException {
        if (builtIns.containsKey(d.id()) || custom.containsKey(d.id())) {
            return false;
        }
        custom.put(d.id(), d);
        save();
        return true;
    }

    /** Replaces a user dashboard; false when there is none with this id. */
    public synchronized boolean replace(Dashboard d) throws IOException {
        if (!custom.containsKey(d.id())) {
            return false;
        }
        custom.put(d.id(), d);
        save();
        return true;
    }

    public synchronized boolean delete(String id) throws IOException {
        if (custom.remove(id) == null) {
            return false;
        }
        save();
        return true;
    }

    public boolean isBuiltIn(String id) {
        return builtIns.containsKey(id);
    }

    private void save() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(),
                custom.values().stream().map(Dashboard::toJson).toList());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static JsonNode withoutBuiltInFlag(JsonNode json) {
        if (json.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("built_in");
        }
        return json;
    }

    private static Map<String, Dashboard> loadBuiltIns() {
        Map<String, Dashboard> out = new LinkedHashMap<>();
        for (String name : read(INDEX).split("\n")) {
            String file = name.trim();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            try {
                Dashboard d = Dashboard.fromJson(EventJson.MAPPER.readTree(read("dashboards/" + file)), true);
                out.put(d.id(), d);
            } catch (IOException | DashboardException e) {
                throw new IllegalStateException("built-in dashboard dashboards/" + file + ": " + e.getMessage(), e);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String read(String resource) {
        try (InputStream in = Dashboards.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
