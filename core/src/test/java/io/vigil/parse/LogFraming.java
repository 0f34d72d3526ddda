package io.vigil.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins continuation lines to the record they belong to, as a shipper's multiline setting does
 * (Filebeat's {@code multiline.pattern} with {@code negate: true, match: after}): a line matching
 * the start pattern begins a record, any other line is appended to the record before it. Blank
 * lines are dropped, as the ingest pipeline drops them.
 */
final class LogFraming {
    private LogFraming() {}

    static List<String> records(List<String> lines, Pattern start) {
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (current == null || start.matcher(line).lookingAt()) {
                if (current != null) {
                    records.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            records.add(current.toString());
        }
        return records;
    }
}
