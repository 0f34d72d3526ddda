package io.vigil.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The files of one source that belong to one parser type, and what was left out of them and why.
 * Built up by the corpus readers, then run by {@link ParsingReport}.
 *
 * @param source the shared-data folder the files come from ({@code crowdsec-hub-tests})
 * @param type the Vigil type they are parsed with ({@code nginx})
 * @param parsers a fresh parser per file: a VPC flow header must not carry over to the next file
 */
record CorpusRun(String source, String type, Supplier<Parser> parsers, List<CorpusFile> files,
                 List<Exclusion> excluded, List<String> notes) {

    /** Records of a source left out of the figures because they are not in the type's format. */
    record Exclusion(String label, int records, String reason) {}

    CorpusRun(String source, String type, Supplier<Parser> parsers) {
        this(source, type, parsers, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Adds a file; a file with no records (every line selected away) is not listed. */
    CorpusRun add(CorpusFile file) {
        if (!file.lines().isEmpty()) {
            files.add(file);
        }
        return this;
    }

    CorpusRun exclude(String label, int records, String reason) {
        if (records > 0) {
            excluded.add(new Exclusion(label, records, reason));
        }
        return this;
    }

    /** A line for the report on how the records were read (framing, time zone, year). */
    CorpusRun note(String note) {
        notes.add(note);
        return this;
    }
}
