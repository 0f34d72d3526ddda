package io.vigil.intel;

import io.vigil.event.Cidr;
import java.time.Instant;

/**
 * {@code plain} and {@code netset}: one address or CIDR network per line. Blank lines and lines
 * starting with {@code #}, {@code ;} or {@code //} are comments; anything after the first
 * whitespace, {@code ;}, {@code #} or {@code ,} is a trailing comment (Spamhaus writes
 * {@code 192.0.2.0/24 ; SBL123}). Both names accept addresses and networks alike, so choosing the
 * "wrong" one of the two never loses data.
 */
public final class LineFeedParser implements FeedParser {
    @Override
    public FeedContent parse(String body, Instant now) {
        FeedContent.Builder out = new FeedContent.Builder();
        body.lines().forEach(raw -> {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("//")) {
                return;
            }
            String token = firstToken(line);
            Cidr.parse(token).ifPresentOrElse(c -> out.add(FeedEntry.of(c)), () -> out.reject(line));
        });
        return out.build();
    }

    static String firstToken(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '#' || c == ',') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
