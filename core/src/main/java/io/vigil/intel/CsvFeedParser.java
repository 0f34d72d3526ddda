package io.vigil.intel;

import io.vigil.event.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code csv}: delimited text with the address in a chosen column. Columns are given by 1-based
 * number (as {@code cut -f} counts) or by header name, which implies a header row. Double-quoted
 * fields may hold the delimiter. DShield's {@code block.txt} (start address, end, prefix length)
 * reads with {@code prefix_column}.
 *
 * @param column where the address or network is
 * @param delimiter one character; {@code "\t"} or {@code "tab"} for tab
 * @param comment lines starting with this are skipped (blank: no comments)
 * @param header whether the first non-comment line names the columns
 * @param prefixColumn where a prefix length for the address is, or null
 * @param contextColumn where a per-row context is, or null
 */
public record CsvFeedParser(Column column, char delimiter, String comment, boolean header, Column prefixColumn,
                            Column contextColumn) implements FeedParser {
    /** The option keys this format reads. */
    public static final Set<String> OPTIONS = Set.of("column", "delimiter", "comment", "header", "prefix_column",
            "context_column");

    /** A column by 1-based number or by header name. */
    public record Column(int number, String name) {
        static Column of(Object value, String key, List<String> problems) {
            if (value == null) {
                return null;
            }
            if (value instanceof Number n) {
                if (n.intValue() < 1) {
                    problems.add(key + " counts from 1, got " + n);
                    return null;
                }
                return new Column(n.intValue(), null);
            }
            String s = value.toString().trim();
            if (s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
                return of(Integer.parseInt(s), key, problems);
            }
            if (s.isEmpty()) {
                problems.add(key + " must be a column number (from 1) or a header name");
                return null;
            }
            return new Column(0, s);
        }

        int index(List<String> headerRow) {
            return name == null ? number - 1 : headerRow.indexOf(name);
        }
    }

    /** Builds the parser from feed options, reporting every invalid one. */
    public static CsvFeedParser fromOptions(Map<String, Object> options, List<String> problems) {
        Column column = Column.of(options.getOrDefault("column", 1), "column", problems);
        Column prefix = Column.of(options.get("prefix_column"), "prefix_column", problems);
        Column context = Column.of(options.get("context_column"), "context_column", problems);
        String d = String.valueOf(options.getOrDefault("delimiter", ","));
        char delimiter = ',';
        if (d.equals("\\t") || d.equalsIgnoreCase("tab")) {
            delimiter = '\t';
        } else if (d.length() == 1) {
            delimiter = d.charAt(0);
        } else {
            problems.add("delimiter must be one character (or \"tab\"), got '" + d + "'");
        }
        String comment = String.valueOf(options.getOrDefault("comment", "#"));
        Object h = options.get("header");
        boolean named = column != null && column.name() != null || prefix != null && prefix.name() != null
                || context != null && context.name() != null;
        boolean header = h == null ? named : Boolean.parseBoolean(h.toString());
        if (named && !header) {
            problems.add("columns given by name need header: true");
        }
        return new CsvFeedParser(column == null ? new Column(1, null) : column, delimiter, comment, header, prefix, context);
    }

    @Override
    public FeedContent parse(String body, Instant now) {
        FeedContent.Builder out = new FeedContent.Builder();
        List<String> headerRow = null;
        int[] at = null;
        for (String raw : (Iterable<String>) body.lines()::iterator) {
            String line = raw.strip();
            if (line.isEmpty() || !comment.isEmpty() && line.startsWith(comment)) {
                continue;
            }
            List<String> fields = split(raw);
            if (header && headerRow == null) {
                headerRow = fields;
                continue;
            }
            if (at == null) {
                at = indexes(headerRow == null ? List.of() : headerRow);
                if (at[0] < 0) {
                    out.reject("no column named '" + column.name() + "' in the header " + headerRow);
                    return out.build();
                }
            }
            row(fields, at, line, out);
        }
        return out.build();
    }

    private int[] indexes(List<String> headerRow) {
        return new int[] {
            column.index(headerRow),
            prefixColumn == null ? -1 : prefixColumn.index(headerRow),
            contextColumn == null ? -1 : contextColumn.index(headerRow)};
    }

    private static void row(List<String> fields, int[] at, String line, FeedContent.Builder out) {
        String address = at[0] < fields.size() ? fields.get(at[0]).strip() : "";
        if (at[1] >= 0 && at[1] < fields.size() && !address.contains("/")) {
            address = address + "/" + fields.get(at[1]).strip();
        }
        String context = at[2] >= 0 && at[2] < fields.size() ? fields.get(at[2]) : null;
        Cidr.parse(address).ifPresentOrElse(c -> out.add(new FeedEntry(c, context)), () -> out.reject(line));
    }

    /** Splits one line; a double-quoted field may hold the delimiter and doubled quotes. */
    List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
