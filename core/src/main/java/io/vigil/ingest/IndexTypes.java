package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.parse.ParserRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the parser type of a document that a shipper sent to an Elasticsearch index, so that
 * shippers configured for Elasticsearch need no Vigil-specific setting. First match wins:
 * <ol>
 *   <li>the index name, when it names a known type: {@code nginx}, {@code nginx-2024.01.01},
 *       {@code nginx-access-2024.01.01}, {@code logs-nginx.access-default} (a data stream, whose
 *       dataset part is read) all choose {@code nginx};</li>
 *   <li>else the first of the fields {@code event.dataset}, {@code data_stream.dataset},
 *       {@code fields.type}, {@code type}, {@code log_type} that names a known type;</li>
 *   <li>else {@code json}: the document is kept as the structured JSON it already is.</li>
 * </ol>
 * A name names a type when it is a registered type, an alias below ({@code nginx.access},
 * {@code apache2}, {@code httpd}...), or {@code module.fileset} / {@code module_fileset} whose
 * module does; an {@code error} fileset ({@code nginx.error}, {@code nginx-error-*}) names none,
 * because an error log is not an access log. A type other than {@code json} is kept only when the
 * document has a textual {@code message} for it to parse; without one the document is {@code json}.
 *
 * <p>Reads the registry at each call, so types registered at run time count. Thread-safe.
 */
public final class IndexTypes {
    /** The type of documents that are kept as they are. */
    public static final String JSON = "json";

    /** Dataset and module names used by shippers (Filebeat modules, common index names) to Vigil types. */
    private static final Map<String, String> ALIASES = Map.of(
            "nginx.access", "nginx",
            "apache.access", "apache",
            "apache2", "apache",
            "apache2.access", "apache",
            "httpd", "apache",
            "httpd.access", "apache");
    private static final Set<String> ERROR_FILESETS = Set.of("error", "errors", "error_log", "errorlog");
    private static final Set<String> DATA_STREAM_TYPES = Set.of("logs", "metrics", "traces", "synthetics");
    private static final List<String> TYPE_FIELDS = List.of(
            Ecs.EVENT_DATASET, "data_stream.dataset", "fields.type", "type", "log_type");

    private final ParserRegistry parsers;

    public IndexTypes(ParserRegistry parsers) {
        this.parsers = parsers;
    }

    /**
     * The type for a document sent to an index, by the rule above.
     *
     * @param index the target index, or null when none was given
     * @param document the parsed document (a JSON object)
     */
    public String choose(String index, JsonNode document) {
        Optional<String> type = index == null ? Optional.empty() : forIndex(index);
        if (type.isEmpty()) {
            type = forDocument(document);
        }
        String chosen = type.orElse(JSON);
        return chosen.equals(JSON) || document.path(Ecs.MESSAGE).isTextual() ? chosen : JSON;
    }

    /** The type an index name names, if any. */
    public Optional<String> forIndex(String index) {
        String name = index.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith(".ds-")) {
            name = name.substring(4); // a data stream's backing index
        }
        String[] parts = name.split("-");
        if (parts.length >= 2 && DATA_STREAM_TYPES.contains(parts[0])) {
            return forDataset(parts[1]);
        }
        // "nginx-access-2024.01.01" reads as dataset "nginx.access"; a date or version is not a fileset.
        boolean fileset = parts.length >= 2 && !parts[0].contains(".") && startsWithLetter(parts[1]);
        return forDataset(fileset ? parts[0] + "." + parts[1] : parts[0]);
    }

    /** The type a dataset, module or type name names, if any. */
    public Optional<String> forDataset(String dataset) {
        String name = dataset.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String exact = ALIASES.getOrDefault(name, name);
        if (known(exact)) {
            return Optional.of(exact);
        }
        int split = firstSeparator(name);
        if (split <= 0 || ERROR_FILESETS.contains(name.substring(split + 1))) {
            return Optional.empty();
        }
        String module = name.substring(0, split);
        String type = ALIASES.getOrDefault(module, module);
        return known(type) ? Optional.of(type) : Optional.empty();
    }

    /** The type named by the first type field of the document that names one, if any. */
    public Optional<String> forDocument(JsonNode document) {
        for (String field : TYPE_FIELDS) {
            JsonNode value = field(document, field);
            if (value.isTextual()) {
                Optional<String> type = forDataset(value.textValue());
                if (type.isPresent()) {
                    return type;
                }
            }
        }
        return Optional.empty();
    }

    /** A field by its dotted name, whether the document nests it, writes it dotted, or mixes both. */
    private static JsonNode field(JsonNode node, String dotted) {
        JsonNode direct = node.path(dotted);
        if (!direct.isMissingNode()) {
            return direct;
        }
        int dot = dotted.indexOf('.');
        return dot < 0 ? direct : field(node.path(dotted.substring(0, dot)), dotted.substring(dot + 1));
    }

    private boolean known(String type) {
        return parsers.find(type).isPresent();
    }

    private static int firstSeparator(String name) {
        int dot = name.indexOf('.');
        int underscore = name.indexOf('_');
        if (dot < 0 || underscore < 0) {
            return Math.max(dot, underscore);
        }
        return Math.min(dot, underscore);
    }

    private static boolean startsWithLetter(String s) {
        return !s.isEmpty() && Character.isLetter(s.charAt(0));
    }
}
