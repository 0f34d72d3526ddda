package io.vigil.ingest;

import java.util.List;

/**
 * What happened to one ingest request. {@code accepted} counts lines parsed and stored;
 * {@code failed} counts lines no parser understood, which are stored too, with their raw text and
 * the {@code _parse_failure} tag. {@code errors} lists the first failures; the counts are exact.
 */
public record IngestReport(long accepted, long failed, List<LineError> errors) {
    /** A failed line, 1-based, and why. */
    public record LineError(long line, String reason) {}
}
