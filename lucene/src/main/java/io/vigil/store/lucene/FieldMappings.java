package io.vigil.store.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigil.event.EventJson;
import io.vigil.event.FieldType;
import io.vigil.event.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type of every field ever indexed, fixed on first sight (like an Elasticsearch dynamic
 * mapping) and persisted to {@code mappings.json} so that queries mean the same after a restart.
 * Thread-safe.
 */
final class FieldMappings {
    private final Path file;
    private final ConcurrentHashMap<String, FieldType> types = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    FieldMappings(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            Map<String, String> stored = EventJson.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
            stored.forEach((k, v) -> types.put(k, FieldType.of(v)));
        }
        types.put(io.vigil.event.Ecs.TIMESTAMP, FieldType.DATE);
        types.put(io.vigil.event.Ecs.ID, FieldType.KEYWORD); // indexed for lookups by id, never from event values
    }

    /** The field's type, fixing it from the value when the field is new. */
    FieldType resolve(String field, Object value) {
        FieldType type = types.get(field);
        if (type != null) {
            return type;
        }
        FieldType inferred = Schema.infer(field, value);
        FieldType previous = types.putIfAbsent(field, inferred);
        if (previous == null) {
            dirty = true;
            return inferred;
        }
        return previous;
    }

    /** The type of a field for querying: fixed if seen, from ECS if known, else null. */
    FieldType get(String field) {
        FieldType type = types.get(field);
        return type != null ? type : Schema.known(field);
    }

    Map<String, FieldType> all() {
        return Collections.unmodifiableMap(new TreeMap<>(types));
    }

    /** Writes the mappings if they changed, atomically. */
    void save() {
        if (!dirty) {
            return;
        }
        dirty = false;
        Map<String, String> out = new TreeMap<>();
        types.forEach((k, v) -> out.put(k, v.id()));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException(e);
        }
    }
}
