package io.vigil.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How another project's expected output reads in Vigil's terms: its field names (Filebeat's 2019
 * ECS 1.0 names, Sekoia's, CrowdSec's {@code Parsed}/{@code Meta} keys, fail2ban's {@code failJSON})
 * mapped to today's ECS names, and where the two conventions differ for the same fact, its value
 * rewritten as Vigil writes it. One of their fields may map to several of ours. Only mapped fields
 * are compared; the mapping is where a difference of convention is declared, so that it is never
 * mistaken for a parsing error.
 */
final class ExpectedNames {
    /** One of their fields: our name, and how their value reads as ours (null: nothing to compare). */
    private record Rename(String theirs, String ours, UnaryOperator<String> value) {}

    /** Common Log Format's {@code -} is "no value"; Filebeat 7.0 kept it as text, Vigil leaves the field out. */
    static final UnaryOperator<String> DASH_IS_NONE = v -> v.equals("-") ? null : v;

    /** ECS 1.0 Filebeat wrote sshd's verdict ({@code Accepted}, {@code Failed}, {@code Invalid}) into {@code event.outcome}. */
    static final UnaryOperator<String> SSH_VERDICT = v -> switch (v) {
        case "Accepted" -> "success";
        case "Failed", "Invalid" -> "failure";
        default -> v;
    };

    /**
     * nginx writes a quote in a request as {@code \x22}; Vigil writes the printable character
     * itself (and keeps unprintable bytes escaped). Sources that keep the escape are compared with
     * it decoded the same way.
     */
    static final UnaryOperator<String> PRINTABLE_ESCAPES_DECODED = v -> {
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            int value = i + 3 < v.length() && v.charAt(i) == '\\' && v.charAt(i + 1) == 'x'
                    ? hex(v.charAt(i + 2), v.charAt(i + 3)) : -1;
            if (value >= 0x20 && value <= 0x7e) {
                out.append((char) value);
                i += 3;
            } else {
                out.append(v.charAt(i));
            }
        }
        return out.toString();
    };

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** HTTP methods are case-insensitive; Vigil writes them upper-case. */
    static final UnaryOperator<String> UPPER = v -> v.toUpperCase(Locale.ROOT);

    private final List<Rename> renames = new ArrayList<>();

    /** Pairs of their name and ours, values compared as they are. */
    static ExpectedNames of(String... theirsThenOurs) {
        ExpectedNames names = new ExpectedNames();
        for (int i = 0; i + 1 < theirsThenOurs.length; i += 2) {
            names.with(theirsThenOurs[i], theirsThenOurs[i + 1], UnaryOperator.identity());
        }
        return names;
    }

    /** The same names on both sides. */
    static ExpectedNames same(String... names) {
        ExpectedNames mapped = new ExpectedNames();
        for (String name : names) {
            mapped.with(name, name, UnaryOperator.identity());
        }
        return mapped;
    }

    ExpectedNames with(String theirs, String ours, UnaryOperator<String> value) {
        renames.add(new Rename(theirs, ours, value));
        return this;
    }

    ExpectedNames with(String theirs, String ours) {
        return with(theirs, ours, UnaryOperator.identity());
    }

    /** Their fields in our names; fields without a mapping, empty values and lists are left out. */
    Map<String, String> apply(Map<String, ?> theirs) {
        Map<String, String> ours = new LinkedHashMap<>();
        for (Rename rename : renames) {
            Object v = theirs.get(rename.theirs());
            if (v == null || v instanceof List || v instanceof Map || v.toString().isEmpty()) {
                continue;
            }
            String value = rename.value().apply(v.toString());
            if (value != null && !value.isEmpty()) {
                ours.put(rename.ours(), value);
            }
        }
        return ours;
    }
}
