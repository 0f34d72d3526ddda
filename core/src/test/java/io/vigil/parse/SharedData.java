package io.vigil.parse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The third-party test material in {@code ../shared/data}, located by the system property
 * {@code vigil.shared.data} (set by surefire). Tests that need it are skipped, naming the folder,
 * when it is absent, as in a fresh clone. The files are read in place and never copied: several
 * of them (Wazuh alerts, Sekoia samples) may not be redistributed.
 */
final class SharedData {
    private SharedData() {}

    /** A folder inside the shared data; skips the calling test when it is missing. */
    static Path folder(String relative) {
        String root = System.getProperty("vigil.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root)),
                () -> "shared test data not found at " + root + " (../shared/data beside the checkout); skipped");
        Path folder = Path.of(root).resolve(relative);
        assumeTrue(Files.isDirectory(folder), () -> "shared test data folder " + folder + " is missing; skipped");
        return folder;
    }

    /** Files under a folder whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
