package io.vigil.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of feed formats: every format name and the options it accepts, in one place. No
 * format is found by scanning. A format builds its {@link FeedParser} from a feed's options and
 * rejects keys it does not know, naming them.
 *
 * <ul>
 *   <li>{@code plain}, {@code netset}: one address or network per line ({@link LineFeedParser})</li>
 *   <li>{@code alienvault}: the AlienVault reputation format ({@link AlienVaultParser})</li>
 *   <li>{@code csv}: {@code column}, {@code delimiter}, {@code comment}, {@code header},
 *       {@code prefix_column}, {@code context_column} ({@link CsvFeedParser})</li>
 *   <li>{@code stix2}: a STIX 2.1 bundle of indicators ({@link Stix2Parser})</li>
 *   <li>{@code taxii2}: a TAXII 2.1 collection polled with {@code added_after}; its kept data is a
 *       STIX bundle ({@link Taxii2Envelope})</li>
 * </ul>
 *
 * Every format also takes the {@link #COMMON_OPTIONS}: {@code exclude_reserved} (default true:
 * entries overlapping private or reserved space are not matched) and {@code username} /
 * {@code password} (HTTP basic authentication when fetching).
 */
public final class FeedFormats {
    public static final List<String> NAMES = List.of("plain", "netset", "alienvault", "csv", "stix2", "taxii2");
    public static final Set<String> COMMON_OPTIONS = Set.of("exclude_reserved", "username", "password");

    private FeedFormats() {}

    /** Option keys a format accepts, including the common ones; empty for an unknown format. */
    public static Set<String> options(String format) {
        Set<String> keys = new TreeSet<>(COMMON_OPTIONS);
        if ("csv".equals(format)) {
            keys.addAll(CsvFeedParser.OPTIONS);
        } else if (!NAMES.contains(format)) {
            return Set.of();
        }
        return keys;
    }

    /**
     * The parser for a format and its options.
     *
     * @throws FeedException naming an unknown format, unknown option keys and invalid values
     */
    public static FeedParser parser(String format, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        FeedParser parser = parser(format, options, problems);
        if (!problems.isEmpty()) {
            throw new FeedException(problems);
        }
        return parser;
    }

    /** Like {@link #parser(String, Map)}, adding problems to a list instead of throwing; null when the format is unknown. */
    static FeedParser parser(String format, Map<String, Object> options, List<String> problems) {
        if (format == null || !NAMES.contains(format)) {
            problems.add("format must be one of " + NAMES + ", got " + (format == null ? "nothing" : "'" + format + "'"));
            return null;
        }
        Set<String> known = options(format);
        List<String> unknown = options.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            problems.add("unknown option(s) " + unknown + " for format " + format + "; known: " + known);
        }
        return switch (format) {
            case "plain", "netset" -> new LineFeedParser();
            case "alienvault" -> new AlienVaultParser();
            case "csv" -> CsvFeedParser.fromOptions(options, problems);
            default -> new Stix2Parser();
        };
    }
}
