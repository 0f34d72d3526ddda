package io.vigil.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Type {@code auto}: finds the format of each record by trying the built-in parsers from the most
 * specific to the most general and keeping the first that understands it; the chosen format shows
 * in {@code event.dataset}. JSON records go to the JSON-based formats (CloudTrail, Kubernetes
 * audit, Wazuh) before generic JSON, read once for all of them; syslog, which accepts any line
 * with a header, comes last. Thread-safe; never throws.
 */
public final class AutoParser implements Parser {
    private final List<Parser> jsonOrder;
    private final List<Parser> lineOrder;

    /** Detection over the types registered in {@code registry} under their built-in names. */
    public AutoParser(Map<String, Parser> byType) {
        this.jsonOrder = pick(byType, "cloudtrail", "k8s_audit", "wazuh", "json");
        this.lineOrder = pick(byType, "nginx", "nginx_error", "apache_error", "vpcflow", "mysql", "postgresql",
                "iptables", "haproxy", "syslog");
    }

    private static List<Parser> pick(Map<String, Parser> byType, String... types) {
        return java.util.Arrays.stream(types).map(byType::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public ParseResult parse(RawEvent raw) {
        String text = raw.text().stripLeading();
        boolean json = text.startsWith("{");
        // Read once for all the JSON formats; a record the shared reader refuses goes to each parser whole.
        JsonNode node = json ? readOrNull(raw.text()) : null;
        for (Parser parser : json ? jsonOrder : lineOrder) {
            ParseResult result = node != null && parser instanceof JsonRecordParser records
                    ? records.parse(raw, node)
                    : parser.parse(raw);
            if (result instanceof ParseResult.Parsed parsed && accepted(parser, parsed)) {
                return result;
            }
        }
        return new ParseResult.Failed(raw, "format not recognised; send it with ?type= naming its format");
    }

    private static JsonNode readOrNull(String text) {
        try {
            return JsonNodes.read(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A batch whose records all failed inside is not this format (CloudTrail, Kubernetes lists). */
    private static boolean accepted(Parser parser, ParseResult.Parsed parsed) {
        return parsed.events().isEmpty()
                || parsed.events().stream().anyMatch(e -> !e.hasTag(io.vigil.event.Ecs.TAG_PARSE_FAILURE));
    }
}
