package io.vigil.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records from one third-party file, with what its authors expected where they said so.
 *
 * @param label where the records come from, for the report
 * @param lines the records, in order (a line, or several joined where the format continues a record)
 * @param received the receive time to parse with (the file's era, so that syslog years come out right)
 * @param expected by record index: our field name to the expected value as text
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
