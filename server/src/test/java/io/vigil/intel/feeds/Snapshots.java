package io.vigil.intel.feeds;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real feed snapshots in {@code ../shared/data}, read in place (never copied: most have no
 * licence) through the system property {@code vigil.shared.data}; a test is skipped, naming the
 * path, when one is absent.
 */
public final class Snapshots {
    private Snapshots() {}

    public static String read(String relative) {
        String root = System.getProperty("vigil.shared.data");
        assumeTrue(root != null, "system property vigil.shared.data is not set; skipped");
        Path file = Path.of(root).resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "feed snapshot " + file + " is missing; skipped");
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first address-only entry of a snapshot, for tests that need a listed address. */
    public static String firstAddress(String body) {
        return body.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("/")).findFirst()
                .orElseThrow().trim();
    }
}
