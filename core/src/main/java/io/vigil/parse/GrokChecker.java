package io.vigil.parse;

import io.vigil.parse.ParserDefinitionException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jcodings.specific.UTF8Encoding;
import org.joni.Option;
import org.joni.Regex;
import org.joni.WarnCallback;
import org.joni.exception.JOniException;

/**
 * Finds what is wrong in grok expressions before they are compiled, with the column of each
 * problem: references to unknown patterns, malformed references and capture names, regular
 * expression syntax errors, and circular pattern definitions.
 *
 * <p>opensearch-grok reports the first error only, without a position, and silently treats a
 * malformed {@code %{...}} as literal text; this class exists so that a person sees every problem
 * at once and where it is.
 */
final class GrokChecker {
    private GrokChecker() {}

    /** Everything between {@code %{} and the next {@code }}. */
    private static final Pattern REFERENCE = Pattern.compile("%\\{([^{}]*)}");
    private static final Pattern PATTERN_NAME = Pattern.compile("[A-Za-z0-9_]+");
    static final Set<String> TYPES = Set.of("int", "long", "float", "double", "boolean", "string");

    /** One well-formed reference: {@code %{NAME}}, {@code %{NAME:field}} or {@code %{NAME:field:type}}. */
    record Reference(String pattern, String field, String type, int start, int end) {}

    /**
     * Every problem in a definition's patterns and pattern definitions.
     *
     * @param bundled the pattern bank the definition builds on
     */
    static List<Problem> check(List<String> patterns, Map<String, String> definitions, Map<String, String> bundled) {
        Set<String> known = new HashSet<>(bundled.keySet());
        known.addAll(definitions.keySet());
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            expression("patterns[" + i + "]", patterns.get(i), known, problems);
        }
        for (Map.Entry<String, String> d : definitions.entrySet()) {
            expression("pattern_definitions." + d.getKey(), d.getValue(), known, problems);
        }
        cycles(definitions, bundled, problems);
        return problems;
    }

    /** The well-formed references in an expression, in order. */
    static List<Reference> references(String expression) {
        List<Reference> out = new ArrayList<>();
        Matcher m = REFERENCE.matcher(expression);
        while (m.find()) {
            String[] parts = m.group(1).split(":", -1);
            if (parts.length <= 3 && PATTERN_NAME.matcher(parts[0]).matches() && !m.group(1).contains("=")) {
                out.add(new Reference(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null,
                        m.start(), m.end()));
            }
        }
        return out;
    }

    private static void expression(String path, String expression, Set<String> known, List<Problem> problems) {
        if (expression == null || expression.isBlank() || expression.length() > GrokParserDefinition.MAX_PATTERN_LENGTH) {
            // The definition reports these; locating a syntax error costs a compile per character.
            return;
        }
        List<Problem> found = new ArrayList<>();
        unclosed(path, expression, found);
        Matcher m = REFERENCE.matcher(expression);
        while (m.find()) {
            reference(path, m.group(1), m.start(), known, found);
        }
        syntax(path, expression, found);
        found.sort(Comparator.comparingInt(Problem::position));
        problems.addAll(found);
    }

    private static void unclosed(String path, String expression, List<Problem> problems) {
        for (int at = expression.indexOf("%{"); at >= 0; at = expression.indexOf("%{", at + 2)) {
            int close = expression.indexOf('}', at);
            int nextOpen = expression.indexOf('{', at + 2);
            if (close < 0 || nextOpen >= 0 && nextOpen < close) {
                problems.add(new Problem(path, at + 1, "'%{' is not closed by '}': a reference is %{PATTERN},"
                        + " %{PATTERN:field} or %{PATTERN:field:type} (write %\\{ for a literal %{)"));
            }
        }
    }

    private static void reference(String path, String body, int start, Set<String> known, List<Problem> problems) {
        int column = start + 1;
        if (body.contains("=")) {
            problems.add(new Problem(path, column, "inline definitions %{NAME=regex} are not supported:"
                    + " define NAME under pattern_definitions and write %{NAME}"));
            return;
        }
        String[] parts = body.split(":", -1);
        if (parts.length > 3 || !PATTERN_NAME.matcher(parts[0]).matches()) {
            problems.add(new Problem(path, column, "'%{" + body + "}' is not a reference: write %{PATTERN},"
                    + " %{PATTERN:field} or %{PATTERN:field:type}"));
            return;
        }
        if (!known.contains(parts[0])) {
            problems.add(new Problem(path, column, "unknown pattern %{" + parts[0] + "}" + suggestion(parts[0], known)));
        }
        if (parts.length > 1 && FieldNames.normalize(parts[1]) == null) {
            problems.add(new Problem(path, column + 3 + parts[0].length(), FieldNames.explain(parts[1])));
        }
        if (parts.length > 2 && !TYPES.contains(parts[2])) {
            problems.add(new Problem(path, column + 4 + parts[0].length() + parts[1].length(), "unknown capture type '"
                    + parts[2] + "': use int, long, float, double, boolean or string (or a convert mapping)"));
        }
    }

    private static String suggestion(String name, Set<String> known) {
        String upper = name.toUpperCase(Locale.ROOT);
        return !upper.equals(name) && known.contains(upper) ? " (did you mean %{" + upper + "}?)" : "";
    }

    /**
     * Checks the expression as a regular expression with each reference replaced by a one-character
     * group (the referenced patterns are checked on their own), and locates an error: joni names the
     * error but not where it is, so the column is where the longest prefix that still compiles ends.
     */
    private static void syntax(String path, String expression, List<Problem> problems) {
        List<Reference> references = references(expression);
        // A reference becomes "(?:.)" or "(?<NAME:field>.)", at most three characters longer than itself.
        // Not an empty group: joni 2.2.1 throws NullPointerException on "a(?:){3}".
        int[] origin = new int[expression.length() + 3 * references.size() + 1];
        StringBuilder regex = new StringBuilder(origin.length);
        int from = 0;
        for (Reference r : references) {
            copy(expression, from, r.start(), regex, origin);
            // Named like opensearch-grok names it, so back-references to captures resolve.
            String group = named(r) ? "(?<" + expression.substring(r.start() + 2, r.end() - 1) + ">.)" : "(?:.)";
            for (int i = 0; i < group.length(); i++) {
                origin[regex.length()] = r.start();
                regex.append(group.charAt(i));
            }
            from = r.end();
        }
        copy(expression, from, expression.length(), regex, origin);
        String text = regex.toString();
        String error = compileError(text);
        if (error != null) {
            problems.add(new Problem(path, origin[longestValidPrefix(text)] + 1, "invalid regular expression: " + error));
        }
    }

    private static boolean named(Reference r) {
        return r.field() != null && FieldNames.normalize(r.field()) != null && (r.type() == null || TYPES.contains(r.type()));
    }

    private static void copy(String expression, int from, int to, StringBuilder regex, int[] origin) {
        for (int i = from; i < to; i++) {
            origin[regex.length()] = i;
            regex.append(expression.charAt(i));
        }
    }

    private static int longestValidPrefix(String regex) {
        for (int end = regex.length() - 1; end > 0; end--) {
            if (Character.isHighSurrogate(regex.charAt(end - 1))) {
                continue;
            }
            if (compileError(regex.substring(0, end)) == null) {
                return end;
            }
        }
        return 0;
    }

    /** joni's message for a regular expression it cannot compile, or null when it compiles. */
    static String compileError(String regex) {
        byte[] bytes = regex.getBytes(StandardCharsets.UTF_8);
        try {
            // The same options opensearch-grok compiles with.
            new Regex(bytes, 0, bytes.length, Option.DEFAULT, UTF8Encoding.INSTANCE, WarnCallback.NONE);
            return null;
        } catch (JOniException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            // A joni crash says nothing about the syntax; GrokParser.compile reports it if the real pattern crashes too.
            return null;
        }
    }

    /** Reports each definition that leads back to itself, once per cycle. */
    private static void cycles(Map<String, String> definitions, Map<String, String> bundled, List<Problem> problems) {
        Map<String, String> bank = new LinkedHashMap<>(bundled);
        bank.putAll(definitions);
        Set<Set<String>> reported = new HashSet<>();
        for (String start : definitions.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = findCycle(start, bank, path, new HashSet<>());
            if (cycle != null && reported.add(new HashSet<>(cycle))) {
                // Told from the first user-defined name in alphabetical order, whatever the map order.
                String first = cycle.stream().filter(definitions::containsKey).sorted().findFirst().orElse(start);
                Collections.rotate(cycle, -cycle.indexOf(first));
                problems.add(new Problem("pattern_definitions." + first, 0,
                        "circular reference: " + String.join(" → ", cycle) + " → " + first));
            }
        }
    }

    private static List<String> findCycle(String name, Map<String, String> bank, Deque<String> path, Set<String> done) {
        if (path.contains(name)) {
            List<String> onPath = new ArrayList<>(path);
            Collections.reverse(onPath);
            return new ArrayList<>(onPath.subList(onPath.indexOf(name), onPath.size()));
        }
        String definition = bank.get(name);
        if (definition == null || !done.add(name)) {
            return null;
        }
        path.push(name);
        for (Reference r : references(definition)) {
            List<String> cycle = findCycle(r.pattern(), bank, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.pop();
        return null;
    }
}
