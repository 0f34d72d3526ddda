package io.vigil.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lines from one third-party file, with what its authors expected where they said so.
 *
 * @param label where the lines come from, for the report
 * @param lines the non-blank lines, in order
 * @param received the receive time to parse with (the file's era, so that syslog years come out right)
 * @param expected by line index: our field name to the expected value as text
 */
record CorpusFile(String label, List<String> lines, Instant received, Map<Integer, Map<String, String>> expected) {
    CorpusFile {
        lines = List.copyOf(lines);
        expected = Map.copyOf(expected);
    }

    static CorpusFile of(String label, List<String> lines, Instant received) {
        return new CorpusFile(label, lines, received, Map.of());
    }
}
