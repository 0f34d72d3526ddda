package io.vigil.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil ingest FILE... --type T}: sends log files, plain or gzip, to a running server in
 * chunks of whole lines, with a progress bar, and ends with what happened to every line.
 *
 * <p>Exit code: 0 when every line was stored and parsed; 1 when every line was stored but some did
 * not parse (they are stored raw, tagged {@code _parse_failure}); 2 when some lines were not sent
 * (server unreachable or busy for too long, a file unreadable), the server refused the run (bad
 * token, unknown type) or the options are wrong.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Send log files (plain or .gz) to a running Vigil server.",
        footer = {"", "Exit status: 0 all lines stored and parsed, 1 some lines did not parse (stored raw),"
                + " 2 some lines not sent or the server refused."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Log files; .gz files (by content) are decompressed")
    List<Path> files;

    @Option(names = "--type", required = true, description = "Parser type of the lines (nginx, syslog, json, auto, ...)")
    String type;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The server (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", description = "Ingest token (default: $VIGIL_INGEST_TOKEN, else DATA/credentials)")
    String token;

    @Option(names = "--data", description = "Data directory whose credentials file holds the token (default: $VIGIL_DATA or ./data)")
    Path data;

    @Option(names = "--chunk-bytes", defaultValue = "5242880", description = "Bytes per request (default: 5 MiB)")
    int chunkBytes;

    @Option(names = "--retries", defaultValue = "20", description = "Retries per chunk on 429, 5xx and connection errors")
    int retries;

    @Option(names = "--no-progress", description = "No progress bar")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    /** The environment; a field so that tests can give their own. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (chunkBytes < 1024 || retries < 0) {
            err.println("--chunk-bytes must be at least 1024 and --retries at least 0");
            return 2;
        }
        Optional<String> ingestToken = token();
        if (ingestToken.isEmpty()) {
            err.println("no ingest token: pass --token, set VIGIL_INGEST_TOKEN, or point --data at the server's data"
                    + " directory (its credentials file)");
            return 2;
        }
        long total = 0;
        for (Path f : files) {
            total += Files.isRegularFile(f) ? Files.size(f) : 0;
        }
        ProgressLine progress = new ProgressLine(err, !noProgress && System.console() != null, total);
        IngestClient client = new IngestClient(url, type, ingestToken.get(), retries, notice -> err.println("\r" + notice));
        IngestClient.Tally tally = new IngestClient.Tally();
        Counts counts = new Counts();
        long start = System.nanoTime();
        String refused = null;
        try {
            for (Path f : files) {
                send(f, client, tally, counts, noProgress ? null : progress);
            }
        } catch (IngestClient.Refused e) {
            refused = e.getMessage();
        }
        if (!noProgress) {
            progress.finish(counts.lines, counts.bytes);
        }
        summary(out, tally, counts, (System.nanoTime() - start) / 1e9, refused);
        if (refused != null || tally.notSent > 0 || tally.unreadableFiles > 0) {
            return 2;
        }
        return tally.failed > 0 ? 1 : 0;
    }

    /** Lines and bytes read so far, over all files. */
    private static final class Counts {
        long lines;
        long bytes;
        long bytesBeforeFile;
    }

    private void send(Path file, IngestClient client, IngestClient.Tally tally, Counts counts, ProgressLine progress)
            throws IngestClient.Refused, InterruptedException {
        String name = file.toString();
        counts.bytesBeforeFile = counts.bytes;
        try (Counted raw = new Counted(Files.newInputStream(file)); InputStream in = decompressed(raw)) {
            LineChunks chunks = new LineChunks(in, chunkBytes);
            LineChunks.Chunk chunk;
            while ((chunk = chunks.next()) != null) {
                client.send(name, chunk, tally);
                counts.lines += chunk.lines();
                counts.bytes = counts.bytesBeforeFile + raw.count;
                if (progress != null) {
                    progress.update(counts.lines, counts.bytes);
                }
            }
        } catch (IOException e) {
            tally.error(name + ": cannot read: " + e);
            tally.unreadableFiles++;
        }
    }

    /** gzip by its magic bytes, whatever the file is called. */
    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private void summary(PrintWriter out, IngestClient.Tally tally, Counts counts, double seconds, String refused) {
        out.printf(Locale.ROOT, "sent %,d lines (%s) from %d file(s) in %.1f s (%,.0f lines/s)%n", counts.lines,
                ProgressLine.size(counts.bytes), files.size(), seconds, counts.lines / Math.max(seconds, 1e-3));
        out.printf(Locale.ROOT, "  accepted: %,d%n", tally.accepted);
        out.printf(Locale.ROOT, "  failed:   %,d (stored raw, tagged _parse_failure)%n", tally.failed);
        out.printf(Locale.ROOT, "  not sent: %,d%n", tally.notSent);
        if (tally.unreadableFiles > 0) {
            out.printf(Locale.ROOT, "  unreadable files: %,d%n", tally.unreadableFiles);
        }
        if (tally.retries > 0) {
            out.printf(Locale.ROOT, "  retries:  %,d%n", tally.retries);
        }
        if (refused != null) {
            out.println("stopped: " + refused);
        }
        if (!tally.errors.isEmpty()) {
            out.println("first errors:");
            tally.errors.forEach(e -> out.println("  " + e));
        }
        out.flush();
    }

    /** --token, else VIGIL_INGEST_TOKEN, else the VIGIL_INGEST_TOKEN line of DATA/credentials. */
    private Optional<String> token() throws IOException {
        if (token != null && !token.isBlank()) {
            return Optional.of(token.trim());
        }
        String fromEnv = env.get("VIGIL_INGEST_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        Path dir = data != null ? data : Path.of(env.getOrDefault("VIGIL_DATA", "data"));
        Path credentials = dir.resolve("credentials");
        if (!Files.isReadable(credentials)) {
            return Optional.empty();
        }
        return Files.readAllLines(credentials).stream()
                .map(String::trim)
                .filter(l -> l.startsWith("VIGIL_INGEST_TOKEN="))
                .map(l -> l.substring("VIGIL_INGEST_TOKEN=".length()))
                .filter(t -> !t.isBlank())
                .findFirst();
    }

    /** Counts the bytes read from a file, for progress. */
    private static final class Counted extends FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
