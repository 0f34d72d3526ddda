package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Sends chunks of lines to a Vigil server's {@code POST /api/v1/ingest?type=T} and adds what
 * happened to a {@link Tally}.
 *
 * <p>Retries: 429 (the server's ingest slots are full) after its {@code Retry-After}; 5xx and
 * connection failures after a backoff from 0.5 s doubling to 30 s; at most {@code retries} times
 * per chunk, after which the chunk's lines count as not sent. 413 cuts the chunk in two and sends
 * the halves. 400, 401 and 403 stop the whole run ({@link Refused}): every later chunk would get
 * the same answer. A retry after a connection broke while the server was answering may store a
 * chunk twice (at least once, like every syslog and HTTP shipper). Not thread-safe.
 */
final class IngestClient {
    private static final long MAX_WAIT_MILLIS = 300_000;

    /** What a run sent: exact counts, and the first errors with their file and line. */
    static final class Tally {
        static final int ERRORS_KEPT = 10;
        long accepted;
        long failed;
        long notSent;
        long unreadableFiles;
        long retries;
        final List<String> errors = new ArrayList<>();

        void error(String error) {
            if (errors.size() < ERRORS_KEPT) {
                errors.add(error);
            }
        }
    }

    /** The server refused the run as a whole (bad token, unknown type); its message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String token;
    private final int retries;
    private final Consumer<String> notices;

    /**
     * @param base the server, e.g. {@code http://127.0.0.1:8080}
     * @param notices where retries are announced
     */
    IngestClient(URI base, String type, String token, int retries, Consumer<String> notices) {
        String root = base.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(root + "/api/v1/ingest?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8));
        this.token = token;
        this.retries = retries;
        this.notices = notices;
    }

    /** Sends one chunk of {@code file}, retrying as described above. */
    void send(String file, LineChunks.Chunk chunk, Tally tally) throws Refused, InterruptedException {
        String lastProblem = "";
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                tally.retries++;
            }
            HttpResponse<String> r;
            try {
                r = http.send(request(chunk), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastProblem = "cannot reach " + endpoint.getHost() + ":" + endpoint.getPort() + " (" + e + ")";
                pause(backoff(attempt), lastProblem, attempt);
                continue;
            }
            int status = r.statusCode();
            if (status == 200) {
                count(file, chunk, r.body(), tally);
                return;
            }
            if (status == 413 && chunk.halves() != null) {
                for (LineChunks.Chunk half : chunk.halves()) {
                    send(file, half, tally);
                }
                return;
            }
            lastProblem = "server answered " + status + ": " + message(r.body());
            if (status == 400 || status == 401 || status == 403) {
                throw new Refused(lastProblem);
            }
            if (status == 429) {
                pause(retryAfter(r, attempt), "server busy (429)", attempt);
            } else if (status >= 500) {
                pause(backoff(attempt), lastProblem, attempt);
            } else {
                break;
            }
        }
        tally.notSent += chunk.lines();
        tally.error(file + ":" + chunk.firstLine() + "-" + (chunk.firstLine() + chunk.lines() - 1) + ": not sent: " + lastProblem);
    }

    private HttpRequest request(LineChunks.Chunk chunk) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(chunk.bytes()))
                .build();
    }

    private static void count(String file, LineChunks.Chunk chunk, String body, Tally tally) {
        JsonNode answer;
        try {
            answer = EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            answer = EventJson.MAPPER.createObjectNode();
        }
        tally.accepted += answer.path("accepted").asLong();
        tally.failed += answer.path("failed").asLong();
        for (JsonNode e : answer.path("errors")) {
            tally.error(file + ":" + (chunk.firstLine() + e.path("line").asLong() - 1) + ": " + e.path("reason").asText());
        }
    }

    private void pause(long millis, String why, int attempt) throws InterruptedException {
        if (attempt >= retries) {
            return;
        }
        notices.accept(why + "; retrying in " + (millis >= 1000 ? millis / 1000 + " s" : millis + " ms")
                + " (" + (attempt + 1) + "/" + retries + ")");
        Thread.sleep(millis);
    }

    /** 0.5 s doubling to 30 s, with a fifth of jitter so that many clients do not retry in step. */
    private static long backoff(int attempt) {
        long base = Math.min(30_000, 500L << Math.min(attempt, 6));
        return base - ThreadLocalRandom.current().nextLong(base / 5 + 1);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; the backoff when absent or unreadable. */
    private static long retryAfter(HttpResponse<?> r, int attempt) {
        String value = r.headers().firstValue("Retry-After").orElse("").trim();
        try {
            return Math.min(MAX_WAIT_MILLIS, Math.max(0, Long.parseLong(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.min(MAX_WAIT_MILLIS, Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis()));
            } catch (DateTimeParseException notDate) {
                return backoff(attempt);
            }
        }
    }

    private static String message(String body) {
        try {
            JsonNode error = EventJson.MAPPER.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return message.isEmpty() ? body : message;
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }
}
