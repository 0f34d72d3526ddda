package io.vigil.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.event.EventJson;
import io.vigil.parse.GrokParser;
import io.vigil.parse.GrokParserDefinition;
import io.vigil.parse.GrokParserDefinitionJson;
import io.vigil.parse.ParserDefinitionException;
import io.vigil.parse.ParserRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opensearch.grok.MatcherWatchdog;

/**
 * The user-defined parser types: kept in {@code DATA/state/parsers.json} and registered in the
 * running {@link ParserRegistry}, so that a type can be used for ingest as soon as it is created
 * and is still there after a restart.
 *
 * <p>A change is compiled first (a bad definition changes nothing and throws
 * {@link ParserDefinitionException}), then written (a temporary file, flushed to disk, moved over
 * the old one: a crash leaves the old file or the new one, never half of one), then applied to
 * the registry. If the write fails, memory and registry keep the last good state. The types in
 * the registry when the store is opened are the built-in ones and cannot be replaced or deleted.
 * Thread-safe: changes are serialised, reads see the last completed change.
 */
public final class ParserDefinitions {
    /** What a change did, or why it did nothing. */
    public enum Outcome {
        /** The change was made. */
        DONE,
        /** Create: a parser of that name already exists. */
        EXISTS,
        /** The name is a built-in type. */
        BUILT_IN,
        /** Replace or delete: no parser of that name. */
        MISSING
    }

    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final ParserRegistry registry;
    private final MatcherWatchdog watchdog;
    private final Set<String> builtIn;
    /** Replaced whole on each change, never modified. */
    private volatile Map<String, GrokParserDefinition> definitions = Map.of();

    private ParserDefinitions(Path file, ParserRegistry registry, MatcherWatchdog watchdog) {
        this.file = file;
        this.registry = registry;
        this.watchdog = watchdog;
        this.builtIn = Collections.unmodifiableSet(new TreeSet<>(registry.types()));
    }

    /**
     * Loads {@code DATA/state/parsers.json} (absent means none) and registers every definition.
     *
     * @param registry holding the built-in types only; user types are added to it
     * @param watchdog stops grok matches that run too long (see {@link GrokParser#compile(GrokParserDefinition, MatcherWatchdog)})
     * @throws IOException when the file cannot be read, or holds definitions that are not valid:
     *     the message lists every problem, with the parser and where in it
     */
    public static ParserDefinitions open(Path dataDir, ParserRegistry registry, MatcherWatchdog watchdog) throws IOException {
        Path stateDir = Files.createDirectories(dataDir.resolve("state"));
        ParserDefinitions store = new ParserDefinitions(stateDir.resolve("parsers.json"), registry, watchdog);
        if (Files.exists(store.file)) {
            store.load();
        }
        return store;
    }

    /** The user-defined parsers, by name. */
    public List<GrokParserDefinition> list() {
        return List.copyOf(definitions.values());
    }

    public Optional<GrokParserDefinition> get(String name) {
        return Optional.ofNullable(name == null ? null : definitions.get(name));
    }

    /** The built-in type names, sorted. */
    public Set<String> builtIn() {
        return builtIn;
    }

    /** The registry definitions are applied to (also holding the built-in types). */
    public ParserRegistry registry() {
        return registry;
    }

    /**
     * Compiles a definition the way this store does, without keeping it (for trying one out).
     *
     * @throws ParserDefinitionException listing every problem
     */
    public GrokParser compile(GrokParserDefinition definition) {
        return GrokParser.compile(definition, watchdog);
    }

    /** Adds a parser type. @throws ParserDefinitionException when it does not compile */
    public synchronized Outcome create(GrokParserDefinition definition) throws IOException {
        if (builtIn.contains(definition.name())) {
            return Outcome.BUILT_IN;
        }
        if (definitions.containsKey(definition.name())) {
            return Outcome.EXISTS;
        }
        return put(definition);
    }

    /** Replaces the parser type of the definition's name. @throws ParserDefinitionException when it does not compile */
    public synchronized Outcome replace(GrokParserDefinition definition) throws IOException {
        if (builtIn.contains(definition.name())) {
            return Outcome.BUILT_IN;
        }
        if (!definitions.containsKey(definition.name())) {
            return Outcome.MISSING;
        }
        return put(definition);
    }

    /** Removes a parser type; ingest with it fails from then on with "unknown type". */
    public synchronized Outcome delete(String name) throws IOException {
        if (builtIn.contains(name)) {
            return Outcome.BUILT_IN;
        }
        if (!definitions.containsKey(name)) {
            return Outcome.MISSING;
        }
        Map<String, GrokParserDefinition> next = new TreeMap<>(definitions);
        next.remove(name);
        save(next);
        definitions = Collections.unmodifiableMap(next);
        registry.unregister(name);
        return Outcome.DONE;
    }

    private Outcome put(GrokParserDefinition definition) throws IOException {
        GrokParser parser = compile(definition);
        Map<String, GrokParserDefinition> next = new TreeMap<>(definitions);
        next.put(definition.name(), definition);
        save(next);
        definitions = Collections.unmodifiableMap(next);
        registry.register(definition.name(), parser);
        return Outcome.DONE;
    }

    private void load() throws IOException {
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode parsers = root == null ? null : root.get("parsers");
        if (parsers == null || !parsers.isArray()) {
            throw new IOException(file + " is not a parser list: expected {\"version\": 1, \"parsers\": [...]}");
        }
        Map<String, GrokParserDefinition> loaded = new TreeMap<>();
        Map<String, GrokParser> compiled = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < parsers.size(); i++) {
            loadOne(parsers.get(i), "parsers[" + i + "]", loaded, compiled, errors);
        }
        if (!errors.isEmpty()) {
            // Refusing to start beats ingesting with some parser types silently missing.
            throw new IOException(file + " holds " + errors.size() + " invalid parser definition(s); fix or remove them: "
                    + String.join("; ", errors));
        }
        definitions = Collections.unmodifiableMap(loaded);
        compiled.forEach(registry::register);
    }

    private void loadOne(JsonNode json, String at, Map<String, GrokParserDefinition> loaded,
                         Map<String, GrokParser> compiled, List<String> errors) {
        try {
            GrokParserDefinition d = GrokParserDefinitionJson.read(json);
            if (builtIn.contains(d.name())) {
                errors.add(at + ": '" + d.name() + "' is now a built-in type; rename the parser");
            } else if (loaded.containsKey(d.name())) {
                errors.add(at + ": a second parser named '" + d.name() + "'");
            } else {
                compiled.put(d.name(), compile(d));
                loaded.put(d.name(), d);
            }
        } catch (ParserDefinitionException e) {
            errors.add(at + ": " + e.getMessage());
        }
    }

    private void save(Map<String, GrokParserDefinition> all) throws IOException {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode parsers = root.putArray("parsers");
        all.values().forEach(d -> parsers.add(GrokParserDefinitionJson.write(d)));
        byte[] bytes = EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
