package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.query.SearchRequest;
import io.vigil.query.TimeRange;
import io.vigil.server.VigilConfig;
import io.vigil.server.VigilServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil ingest} against a real server on a free port. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IngestCommandTest {
    private static final String INGEST = "cli-ingest-token";
    private static final String API = "cli-api-token";

    @TempDir
    Path dir;
    private VigilServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsPlainAndGzipFilesAndWaitsOutA429() throws Exception {
        // One ingest slot, refused after 100 ms: a request holding it makes the next one get 429.
        start(VigilConfig.defaults().withIngestLimits(10L << 20, 1 << 20, 1, Duration.ofMillis(100)));
        List<String> access = accessLines(3000);
        Path plain = Files.write(dir.resolve("access.log"), access.subList(0, 1000));
        Path gz = gzip(dir.resolve("access-2.log.gz"), access.subList(1000, 3000));
        Run run;
        try (Socket holder = holdIngestSlot()) {
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    holder.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
                    holder.getOutputStream().flush();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            run = ingest("--type", "nginx", "--token", INGEST, "--chunk-bytes", "65536", plain.toString(), gz.toString());
            release.join();
        }
        assertThat(run.code).as(run.out + run.err).isZero();
        assertThat(run.err).contains("server busy (429); retrying in 1 s");
        assertThat(run.out).contains("sent 3,000 lines").contains("accepted: 3,000").contains("failed:   0")
                .contains("not sent: 0").contains("retries:");
        assertThat(count("event.dataset:nginx.access AND NOT tags:_parse_failure")).isEqualTo(3000);
        assertThat(count("source.ip:\"83.149.9.216\" AND url.original:\\/presentations*")).isPositive();
    }

    @Test
    void reportsLinesThatDidNotParseWithTheirFileLineAndExitsWithOne() throws Exception {
        start(VigilConfig.defaults());
        List<String> lines = new ArrayList<>(accessLines(3000));
        lines.set(1776, "this is not an access line");
        lines.set(2999, "nor is this");
        Path file = Files.write(dir.resolve("access.log"), lines);
        Run run = ingest("--type", "nginx", "--token", INGEST, "--chunk-bytes", "65536", file.toString());
        assertThat(run.code).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).contains("accepted: 2,998").contains("failed:   2")
                .contains(file + ":1777: not an access log line").contains(file + ":3000: not an access log line");
        assertThat(count("*")).as("every line stored once, unparsed ones raw").isEqualTo(3000);
    }

    @Test
    void splitsChunksTheServerFindsTooLarge() throws Exception {
        start(VigilConfig.defaults().withIngestLimits(16 * 1024, 4096, 4, Duration.ofSeconds(2)));
        Path file = Files.write(dir.resolve("access.log"), accessLines(2000));
        Run run = ingest("--type", "nginx", "--token", INGEST, file.toString());
        assertThat(run.code).as(run.out + run.err).isZero();
        assertThat(run.out).contains("accepted: 2,000");
        assertThat(count("*")).isEqualTo(2000);
    }

    @Test
    void readsTheTokenFromTheDataDirectoryAndStopsWhenTheServerRefusesIt() throws Exception {
        start(VigilConfig.defaults());
        Path data = Files.createDirectories(dir.resolve("other-data"));
        Files.writeString(data.resolve("credentials"), "VIGIL_INGEST_TOKEN=" + INGEST + "\nVIGIL_API_TOKEN=x\n");
        Path file = Files.write(dir.resolve("access.log"), accessLines(10));
        Run ok = ingest("--type", "nginx", "--data", data.toString(), "--no-progress", file.toString());
        assertThat(ok.code).as(ok.out + ok.err).isZero();
        Run refused = ingest("--type", "nginx", "--token", "wrong", file.toString());
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.out).contains("stopped: server answered 401");
        Run unknown = ingest("--type", "no_such_type", "--token", INGEST, file.toString());
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.out).contains("unknown type 'no_such_type'");
    }

    @Test
    void countsLinesNotSentWhenNoServerAnswers() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path file = Files.write(dir.resolve("access.log"), accessLines(10));
        Run run = ingest("--type", "nginx", "--token", INGEST, "--url", "http://127.0.0.1:" + port, "--retries", "1",
                file.toString(), dir.resolve("missing.log").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.out).contains("not sent: 10").contains("unreadable files: 1").contains("cannot reach");
        assertThat(run.err).contains("retrying in");
    }

    private void start(VigilConfig config) throws IOException {
        server = VigilServer.start(config.withDataDir(dir.resolve("data")).withHttp("127.0.0.1", 0),
                Map.of("VIGIL_INGEST_TOKEN", INGEST, "VIGIL_API_TOKEN", API), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        server.store().search(SearchRequest.of("*", TimeRange.ALL, 1)); // first search before first append
    }

    /** Sends the headers and half the body of an ingest request and waits: the server holds a slot meanwhile. */
    private Socket holdIngestSlot() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/v1/ingest?type=nginx HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + INGEST
                + "\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nx\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!metrics().contains("vigil_ingest_queue_depth 1.0") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return s;
    }

    private String metrics() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Authorization", "Bearer " + API).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private long count(String query) throws IOException {
        server.store().refresh();
        return server.store().search(SearchRequest.of(query, TimeRange.ALL, 0)).total();
    }

    private record Run(int code, String out, String err) {}

    /** Runs the command, against the test's server unless {@code --url} is given. */
    private Run ingest(String... given) {
        List<String> args = new ArrayList<>(List.of(given));
        if (server != null && !args.contains("--url")) {
            args.addAll(0, List.of("--url", "http://127.0.0.1:" + server.port()));
        }
        IngestCommand command = new IngestCommand();
        command.env = Map.of();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> accessLines(int n) throws IOException {
        try (InputStream in = IngestCommandTest.class.getResourceAsStream("/ingest/apache_logs.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(n).toList();
        }
    }

    private static Path gzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
