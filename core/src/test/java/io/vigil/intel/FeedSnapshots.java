package io.vigil.intel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real feed snapshots in {@code ../shared/data} (FireHOL ipsets, IPsum, AlienVault reputation),
 * located by the system property {@code vigil.shared.data}. They are read in place, never copied
 * (most have no licence); a test needing one is skipped, naming the path, when it is absent.
 */
final class FeedSnapshots {
    private FeedSnapshots() {}

    static String read(String relative) {
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
}
