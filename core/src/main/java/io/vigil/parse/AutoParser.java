package io.vigil.parse;

import java.util.List;
import java.util.Map;

/**
 * Type {@code auto}: finds the format of each record by trying the built-in parsers from the most
 * specific to the most general and keeping the first that understands it; the chosen format shows
 * in {@code event.dataset}. JSON records go to the JSON-based formats (CloudTrail, Kubernetes
 * audit, Wazuh) before generic JSON; syslog, which accepts any line with a header, comes last.
 * Thread-safe; never throws.
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
        List<Parser> order = text.startsWith("{") ? jsonOrder : lineOrder;
        for (Parser parser : order) {
            ParseResult result = parser.parse(raw);
            if (result instanceof ParseResult.Parsed parsed && accepted(parser, parsed)) {
                return result;
            }
        }
        return new ParseResult.Failed(raw, "format not recognised; send it with ?type= naming its format");
    }

    /** A batch whose records all failed inside is not this format (CloudTrail, Kubernetes lists). */
    private static boolean accepted(Parser parser, ParseResult.Parsed parsed) {
        return parsed.events().isEmpty()
                || parsed.events().stream().anyMatch(e -> !e.hasTag(io.vigil.event.Ecs.TAG_PARSE_FAILURE));
    }
}
