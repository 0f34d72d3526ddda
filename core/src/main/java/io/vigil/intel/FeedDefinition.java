package io.vigil.intel;

import io.vigil.query.DateMath;
import io.vigil.query.QueryException;
import io.vigil.rules.RuleFormat;
import io.vigil.rules.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A threat feed: where it comes from, how to read it, and what a match means. Validated on
 * construction, every problem reported at once ({@link FeedException}).
 *
 * <p>The map form ({@link #toMap}, {@link #fromMap}) is the API and state-file shape:
 * {@code {"name", "url", "format", "enabled", "refresh", "context", "severity", "confidence",
 * "description"}} plus the format's options at the top level (e.g. {@code "delimiter": "\t"}).
 *
 * @param name stable id: lower case letters, digits, {@code _} and {@code -}, at most 64
 * @param url http(s) address to fetch, or null for a feed whose contents are uploaded
 * @param format one of {@link FeedFormats#NAMES}
 * @param refresh how often the feed is fetched again, at least a minute
 * @param context why an address is listed (e.g. {@code Malicious Host}) unless an entry says otherwise
 * @param severity what a match is worth; an event matching several feeds gets the highest
 * @param confidence 0 to 100, how much the feed is trusted
 * @param options format options and the common ones ({@link FeedFormats#options})
 * @param description a sentence for people, may be empty
 */
public record FeedDefinition(String name, String url, String format, boolean enabled, Duration refresh, String context,
                             Severity severity, int confidence, Map<String, Object> options, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> KEYS = Set.of("name", "url", "format", "enabled", "refresh", "context",
            "severity", "confidence", "description");
    public static final Duration MIN_REFRESH = Duration.ofMinutes(1);
    public static final int DEFAULT_CONFIDENCE = 70;

    public FeedDefinition {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
        description = description == null ? "" : description;
        List<String> problems = new ArrayList<>();
        validate(name, url, format, refresh, context, severity, confidence, problems);
        FeedFormats.parser(format, options, problems);
        if (!problems.isEmpty()) {
            throw new FeedException(problems);
        }
    }

    private static void validate(String name, String url, String format, Duration refresh, String context,
                                 Severity severity, int confidence, List<String> problems) {
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be 1-64 lower-case letters, digits, '_' or '-' (starting with a letter or digit), got "
                    + (name == null ? "nothing" : "'" + name + "'"));
        }
        if (url != null && !isHttp(url)) {
            problems.add("url must be an http:// or https:// address, got '" + url + "'");
        }
        if (url == null && "taxii2".equals(format)) {
            problems.add("a taxii2 feed needs the url of its collection's objects endpoint");
        }
        if (refresh == null || refresh.compareTo(MIN_REFRESH) < 0) {
            problems.add("refresh must be at least 1m");
        }
        if (context == null || context.isBlank()) {
            problems.add("context must say why an address is listed, e.g. \"Malicious Host\"");
        }
        if (severity == null) {
            problems.add("severity must be one of low, medium, high, critical");
        }
        if (confidence < 0 || confidence > 100) {
            problems.add("confidence must be 0-100, got " + confidence);
        }
    }

    private static boolean isHttp(String url) {
        try {
            URI u = URI.create(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The parser for this feed's format and options. */
    public FeedParser parser() {
        return FeedFormats.parser(format, options);
    }

    /** Whether entries overlapping private or reserved space are left out of matching (default true). */
    public boolean excludeReserved() {
        Object v = options.get("exclude_reserved");
        return v == null || Boolean.parseBoolean(v.toString());
    }

    public FeedDefinition withEnabled(boolean on) {
        return new FeedDefinition(name, url, format, on, refresh, context, severity, confidence, options, description);
    }

    /**
     * The map form, options flattened in.
     *
     * @param secrets whether to include the password (state file) or mask it (API)
     */
    public Map<String, Object> toMap(boolean secrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("url", url);
        m.put("format", format);
        m.put("enabled", enabled);
        m.put("refresh", RuleFormat.formatDuration(refresh));
        m.put("context", context);
        m.put("severity", severity.id());
        m.put("confidence", confidence);
        m.put("description", description);
        options.forEach((k, v) -> m.put(k, !secrets && k.equals("password") ? "********" : v));
        return m;
    }

    /**
     * Reads the map form. Absent keys take defaults: enabled true, refresh 1h, severity medium,
     * confidence {@value #DEFAULT_CONFIDENCE}, format plain.
     *
     * @throws FeedException listing every problem, unknown keys included
     */
    public static FeedDefinition fromMap(Map<String, ?> m) {
        List<String> problems = new ArrayList<>();
        String format = string(m.get("format"), "plain");
        Map<String, Object> options = new TreeMap<>();
        m.forEach((k, v) -> {
            if (!KEYS.contains(k) && v != null) {
                options.put(k, v);
            }
        });
        Duration refresh = Duration.ofHours(1);
        try {
            refresh = DateMath.duration(string(m.get("refresh"), "1h"));
        } catch (QueryException e) {
            problems.add("refresh: " + e.getMessage());
        }
        Severity severity = Severity.parse(string(m.get("severity"), "medium"));
        int confidence = integer(m.get("confidence"), DEFAULT_CONFIDENCE, problems);
        Object enabled = m.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean) && !Set.of("true", "false").contains(enabled.toString())) {
            problems.add("enabled must be true or false, got '" + enabled + "'");
        }
        try {
            FeedDefinition feed = new FeedDefinition(string(m.get("name"), null), blankToNull(string(m.get("url"), null)),
                    format, enabled == null || Boolean.parseBoolean(enabled.toString()), refresh,
                    string(m.get("context"), null), severity, confidence, options, string(m.get("description"), ""));
            if (problems.isEmpty()) {
                return feed;
            }
        } catch (FeedException e) {
            problems.addAll(e.problems());
        }
        throw new FeedException(problems);
    }

    private static String string(Object v, String fallback) {
        return v == null ? fallback : v.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int integer(Object v, int fallback, List<String> problems) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            problems.add("confidence must be a number 0-100, got '" + v + "'");
            return fallback;
        }
    }
}
