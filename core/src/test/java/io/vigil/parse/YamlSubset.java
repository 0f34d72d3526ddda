package io.vigil.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Just enough YAML to read test files of rule repositories (Panther's {@code Tests: - Log:}) into
 * JSON, because core has no YAML library: block mappings and sequences, flow collections
 * spanning lines, plain, quoted and block scalars, comments. Scalars follow YAML 1.2 ({@code No}
 * stays a string). Anchors, tags and documents streams are not supported and raise
 * {@link IllegalArgumentException}, as does anything else it cannot read.
 */
final class YamlSubset {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]{0,17})");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final List<String> lines;
    private int at;

    private YamlSubset(String text) {
        this.lines = new ArrayList<>(List.of(text.replace("\r", "").split("\n", -1)));
    }

    /** The document as JSON. */
    static JsonNode read(String text) {
        YamlSubset yaml = new YamlSubset(text);
        yaml.skipBlank();
        if (yaml.at < yaml.lines.size() && yaml.lines.get(yaml.at).startsWith("---")) {
            yaml.at++;
        }
        yaml.skipBlank();
        if (yaml.at >= yaml.lines.size()) {
            return NODES.nullNode();
        }
        return yaml.node(yaml.indent(yaml.at));
    }

    private JsonNode node(int indent) {
        String content = lines.get(at).substring(indent);
        if (content.equals("-") || content.startsWith("- ")) {
            return sequence(indent);
        }
        if (keyEnd(content) >= 0) {
            return mapping(indent);
        }
        at++;
        return value(stripComment(content).strip(), indent - 1);
    }

    private ArrayNode sequence(int indent) {
        ArrayNode array = NODES.arrayNode();
        while (at < lines.size() && indent(at) == indent && isItem(lines.get(at).substring(indent))) {
            String rest = lines.get(at).substring(indent + 1);
            String item = rest.stripLeading();
            if (item.isEmpty() || item.startsWith("#")) {
                at++;
                skipBlank();
                array.add(at < lines.size() && indent(at) > indent ? node(indent(at)) : NODES.nullNode());
            } else {
                // Read "- key: value" as if the item started on its own line, one column further in.
                int column = indent + 1 + (rest.length() - item.length());
                lines.set(at, " ".repeat(column) + item);
                array.add(node(column));
            }
            skipBlank();
        }
        return array;
    }

    private ObjectNode mapping(int indent) {
        ObjectNode object = NODES.objectNode();
        while (at < lines.size() && indent(at) == indent && !isItem(lines.get(at).substring(indent))) {
            String content = lines.get(at).substring(indent);
            int colon = keyEnd(content);
            if (colon < 0) {
                throw new IllegalArgumentException("line " + (at + 1) + ": expected 'key: value'");
            }
            String key = unquoteKey(content.substring(0, colon).strip());
            String rest = stripComment(content.substring(colon + 1)).strip();
            at++;
            object.set(key, rest.isEmpty() ? nested(indent) : value(rest, indent));
            skipBlank();
        }
        return object;
    }

    /** The value of a key with nothing after its colon: a deeper block, a sequence at the same column, or null. */
    private JsonNode nested(int indent) {
        skipBlank();
        if (at >= lines.size()) {
            return NODES.nullNode();
        }
        int next = indent(at);
        if (next > indent || next == indent && isItem(lines.get(at).substring(indent))) {
            return node(next);
        }
        return NODES.nullNode();
    }

    /** A value starting on the current key's line (already consumed); may continue on deeper lines. */
    private JsonNode value(String text, int indent) {
        if (text.startsWith("&") || text.startsWith("*") || text.startsWith("!")) {
            throw new IllegalArgumentException("line " + at + ": anchors, aliases and tags are not supported");
        }
        if (text.startsWith("|") || text.startsWith(">")) {
            return NODES.textNode(blockScalar(text, indent));
        }
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"") || text.startsWith("'")) {
            StringBuilder flow = new StringBuilder(text);
            while (!FlowReader.complete(flow) && at < lines.size()) {
                flow.append('\n').append(lines.get(at++));
            }
            return new FlowReader(flow.toString()).readAll();
        }
        StringBuilder plain = new StringBuilder(text);
        while (at < lines.size() && !lines.get(at).isBlank() && indent(at) > indent
                && !lines.get(at).strip().startsWith("#")) {
            plain.append(' ').append(stripComment(lines.get(at++)).strip());
        }
        return scalar(plain.toString());
    }

    private String blockScalar(String header, int indent) {
        boolean literal = header.charAt(0) == '|';
        boolean strip = header.contains("-");
        boolean keep = header.contains("+");
        List<String> body = new ArrayList<>();
        int blockIndent = -1;
        while (at < lines.size() && (lines.get(at).isBlank() || indent(at) > indent)) {
            String line = lines.get(at++);
            if (!line.isBlank() && blockIndent < 0) {
                blockIndent = indent(at - 1);
            }
            body.add(line.isBlank() ? "" : line.substring(Math.min(blockIndent, line.length())));
        }
        int trailing = 0;
        while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
            body.remove(body.size() - 1);
            trailing++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            if (i > 0) {
                boolean fold = !literal && !line.isEmpty() && !body.get(i - 1).isEmpty()
                        && !line.startsWith(" ") && !body.get(i - 1).startsWith(" ");
                out.append(fold ? " " : "\n");
            }
            out.append(line);
        }
        if (!strip && !body.isEmpty()) {
            out.append('\n');
            if (keep) {
                out.append("\n".repeat(trailing));
            }
        }
        return out.toString();
    }

    static JsonNode scalar(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.equals("~") || s.equals("null") || s.equals("Null") || s.equals("NULL")) {
            return NODES.nullNode();
        }
        if (s.equals("true") || s.equals("True") || s.equals("TRUE")) {
            return NODES.booleanNode(true);
        }
        if (s.equals("false") || s.equals("False") || s.equals("FALSE")) {
            return NODES.booleanNode(false);
        }
        if (INTEGER.matcher(s).matches()) {
            return NODES.numberNode(Long.parseLong(s));
        }
        if (FLOAT.matcher(s).matches() && s.chars().anyMatch(Character::isDigit)) {
            return NODES.numberNode(Double.parseDouble(s));
        }
        return NODES.textNode(s);
    }

    private static boolean isItem(String content) {
        return content.equals("-") || content.startsWith("- ");
    }

    /** Where a mapping key ends (its colon), or -1 when the text is not {@code key: ...}. */
    static int keyEnd(String content) {
        if (content.startsWith("\"") || content.startsWith("'")) {
            char quote = content.charAt(0);
            int close = content.indexOf(quote, 1);
            while (close > 0 && quote == '"' && content.charAt(close - 1) == '\\') {
                close = content.indexOf(quote, close + 1);
            }
            return close > 0 && close + 1 < content.length() && content.charAt(close + 1) == ':'
                    && (close + 2 == content.length() || content.charAt(close + 2) == ' ') ? close + 1 : -1;
        }
        if (content.startsWith("{") || content.startsWith("[") || content.startsWith("#")) {
            return -1;
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
                return i;
            }
            if (c == '#' && i > 0 && content.charAt(i - 1) == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'"))) {
            return new FlowReader(key).readAll().asText();
        }
        return key;
    }

    /** A plain value without its {@code # comment}. */
    static String stripComment(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '#' && (i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private void skipBlank() {
        while (at < lines.size() && (lines.get(at).isBlank() || lines.get(at).strip().startsWith("#"))) {
            at++;
        }
    }

    private int indent(int line) {
        String s = lines.get(line);
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Flow collections and quoted scalars: JSON-like, with plain words, trailing commas and comments. */
    private static final class FlowReader {
        private final String s;
        private int i;

        FlowReader(String s) {
            this.s = s;
        }

        /** True when brackets and quotes are balanced, so the value has ended. */
        static boolean complete(CharSequence s) {
            int depth = 0;
            char quote = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        if (quote == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            i++;
                        } else {
                            quote = 0;
                        }
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                } else if (c == '#' && depth > 0 && i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                }
            }
            return quote == 0 && depth <= 0;
        }

        JsonNode readAll() {
            JsonNode v = next();
            space();
            if (i < s.length()) {
                throw new IllegalArgumentException("unexpected text after value: " + s.substring(i));
            }
            return v;
        }

        private JsonNode next() {
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("value expected");
            }
            char c = s.charAt(i);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"' || c == '\'') {
                return NODES.textNode(quoted());
            }
            int start = i;
            while (i < s.length() && ",]}".indexOf(s.charAt(i)) < 0
                    && !(s.charAt(i) == ':' && i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1)))) {
                i++;
            }
            return scalar(s.substring(start, i).replace('\n', ' '));
        }

        private ObjectNode object() {
            ObjectNode o = NODES.objectNode();
            i++;
            while (true) {
                space();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return o;
                }
                String key = next().asText();
                space();
                if (i >= s.length() || s.charAt(i) != ':') {
                    throw new IllegalArgumentException("':' expected at " + i);
                }
                i++;
                o.set(key, next());
                separator('}');
            }
        }

        private ArrayNode array() {
            ArrayNode a = NODES.arrayNode();
            i++;
            while (true) {
                space();
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return a;
                }
                a.add(next());
                separator(']');
            }
        }

        private void separator(char close) {
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            } else if (i >= s.length() || s.charAt(i) != close) {
                throw new IllegalArgumentException("',' or '" + close + "' expected at " + i);
            }
        }

        private String quoted() {
            char quote = s.charAt(i++);
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == quote) {
                    if (quote == '\'' && i < s.length() && s.charAt(i) == '\'') {
                        out.append('\'');
                        i++;
                        continue;
                    }
                    return out.toString();
                }
                if (c == '\\' && quote == '"' && i < s.length()) {
                    out.append(escape());
                } else if (c == '\n') {
                    // A line break inside quotes folds to a space, with the next line's indentation.
                    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                        out.setLength(out.length() - 1);
                    }
                    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                        i++;
                    }
                    out.append(' ');
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated string");
        }

        private String escape() {
            char e = s.charAt(i++);
            switch (e) {
                case 'n':
                    return "\n";
                case 't':
                    return "\t";
                case 'r':
                    return "\r";
                case '0':
                    return "\0";
                case 'u':
                    String hex = s.substring(i, Math.min(s.length(), i + 4));
                    i += 4;
                    return String.valueOf((char) Integer.parseInt(hex, 16));
                case '\n':
                    return "";
                default:
                    return String.valueOf(e);
            }
        }

        private void space() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else {
                    return;
                }
            }
        }
    }
}
