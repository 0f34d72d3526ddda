package io.vigil.parse;

import java.util.List;
import java.util.Random;

/**
 * Hostile input for parsers: random text, and real lines damaged in the ways transport and attackers
 * damage them (cut, spliced, digits changed, separators inserted, control and non-BMP characters,
 * very long). Deterministic for a given {@link Random}.
 */
final class RandomLines {
    /** Characters that carry meaning in log formats, so that random text reaches deep branches. */
    private static final String SYNTAX = " []{}()<>/\\:;#*,.\"'=|~+-_@%?&\t\n0123456789"
            + "abcdefxyzABCDEFINOUTSRCDSTPROTOHTTPGETclient: server: request: host: ";
    private static final String[] NASTY = {
        "\u0000", "\r", "\n", "\uFFFD", "\uD83D\uDE00", "\uD800", "\u00A0", "\u202E", "  ", "\t", "-",
        "[", "]", "\"", "=", ":", "/", "{", "}", "|", "+", "-1", "99999999999999999999", "0x", "::",
        ", client: ", " IN=", " SRC=", " PROTO=", "[client ", "[pid ", "Connect from "
    };

    private final Random random;
    private final List<String> samples;

    RandomLines(Random random, List<String> samples) {
        this.random = random;
        this.samples = samples;
    }

    String next() {
        int kind = random.nextInt(100);
        if (kind < 10 || samples.isEmpty()) {
            return randomText(random.nextInt(200), SYNTAX);
        }
        if (kind < 15) {
            return unicode(random.nextInt(120));
        }
        if (kind < 60) {
            return mutate(sample(), 1 + random.nextInt(4));
        }
        if (kind < 75) {
            return scrambleDigits(sample());
        }
        if (kind < 85) {
            return splice(sample(), sample());
        }
        // Few huge lines: enough to expose super-linear matching, few enough to keep the test fast.
        if (kind < 99 || random.nextInt(4) != 0) {
            return cut(sample());
        }
        return huge(sample());
    }

    private String sample() {
        return samples.get(random.nextInt(samples.size()));
    }

    private String randomText(int length, String alphabet) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String unicode(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x10000));
        }
        return s.toString();
    }

    private String mutate(String line, int edits) {
        StringBuilder s = new StringBuilder(line);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> s.insert(at, NASTY[random.nextInt(NASTY.length)]);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 2 -> s.insert(at, randomText(1 + random.nextInt(6), SYNTAX));
                default -> {
                    if (at < s.length()) {
                        s.setCharAt(at, SYNTAX.charAt(random.nextInt(SYNTAX.length())));
                    }
                }
            }
        }
        return s.toString();
    }

    /** Same shape, other numbers: month 13, port 99999, pid beyond long. */
    private String scrambleDigits(String line) {
        StringBuilder s = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isDigit(c) && random.nextInt(3) == 0) {
                s.append((char) ('0' + random.nextInt(10)));
                if (random.nextInt(20) == 0) {
                    s.append("9999999999");
                }
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private String splice(String a, String b) {
        return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
    }

    private String cut(String line) {
        return line.substring(0, random.nextInt(line.length() + 1));
    }

    /** A line far longer than real ones, to expose backtracking that grows with length. */
    private String huge(String line) {
        String filler = random.nextBoolean() ? ", x: \"a" : NASTY[random.nextInt(NASTY.length)];
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + filler.repeat(20_000 / filler.length() + 1) + line.substring(at);
    }
}
