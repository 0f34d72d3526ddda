package io.vigil.api;

import io.javalin.http.Context;
import io.vigil.ingest.IngestPipeline;
import io.vigil.ingest.IngestReport;
import io.vigil.server.IngestMetrics;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /api/v1/ingest?type=T}: plain lines or NDJSON, optionally gzip. Answers
 * {@code {"accepted", "failed", "errors"}} once every counted line is durable.
 *
 * <p>Back-pressure: at most {@code maxConcurrent} bodies are processed at once; a request that
 * cannot get a slot within the wait gets 429 with {@code Retry-After}, so memory stays bounded
 * and nothing is dropped silently. Bodies over the limit (as sent, and decoded at most 16 times
 * that) get 413 before anything is stored.
 */
public final class IngestRoutes {
    static final String PATH = "/api/v1/ingest";
    private static final int GZIP_EXPANSION_LIMIT = 16;

    private final IngestPipeline pipeline;
    private final IngestMetrics metrics;
    private final long maxBodyBytes;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final long waitMillis;

    public IngestRoutes(IngestPipeline pipeline, IngestMetrics metrics, long maxBodyBytes, int maxConcurrent, long waitMillis) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.slots = new Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.waitMillis = waitMillis;
    }

    /** Ingest requests being processed now. */
    public int inFlight() {
        return maxConcurrent - slots.availablePermits();
    }

    void ingest(Context ctx) throws IOException, InterruptedException {
        String type = ctx.queryParam("type");
        if (type == null || type.isBlank()) {
            // Without a type the format is detected per line; event.dataset says what was chosen.
            type = isNdjson(ctx) ? "json" : "auto";
        }
        if (pipeline.parsers().find(type).isEmpty()) {
            throw new HttpError(400, "unknown type '" + type + "'; known types: " + String.join(", ", pipeline.parsers().types()),
                    Map.of("known_types", List.copyOf(pipeline.parsers().types())));
        }
        String checkedType = type;
        IngestPipeline.Format format = isNdjson(ctx) ? IngestPipeline.Format.NDJSON : IngestPipeline.Format.LINES;
        long start = System.nanoTime();
        IngestReport report = withBody(ctx, body -> pipeline.ingest(checkedType, format, body));
        metrics.ingested(type, report, System.nanoTime() - start);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", report.accepted());
        out.put("failed", report.failed());
        out.put("errors", report.errors().stream().map(e -> Map.of("line", e.line(), "reason", e.reason())).toList());
        Responses.json(ctx, 200, out);
    }

    /** Work on a request body already checked against the limits and decoded. */
    @FunctionalInterface
    interface BodyWork<T> {
        T apply(InputStream body) throws IOException;
    }

    /**
     * Runs work on the request body under this route's limits and back-pressure (413, 429 as
     * described above), gzip decoded, while holding one of the ingest slots. Shared by every
     * route that ingests, so that they share one bound on memory.
     */
    <T> T withBody(Context ctx, BodyWork<T> work) throws IOException, InterruptedException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            metrics.rejected("too_large");
            throw tooLarge();
        }
        if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            metrics.rejected("overloaded");
            ctx.header("Retry-After", "1");
            throw new HttpError(429, "ingest pipeline is full (" + maxConcurrent + " requests in progress); retry after 1 s");
        }
        try {
            byte[] body = readLimited(ctx.bodyInputStream(), maxBodyBytes);
            return work.apply(decode(ctx, body));
        } finally {
            slots.release();
        }
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    IngestMetrics metrics() {
        return metrics;
    }

    private static boolean isNdjson(Context ctx) {
        String ct = ctx.contentType();
        return ct != null && (ct.startsWith("application/x-ndjson") || ct.startsWith("application/json"));
    }

    private HttpError tooLarge() {
        return new HttpError(413, "request body exceeds " + maxBodyBytes + " bytes; split it into smaller requests",
                Map.of("max_body_bytes", maxBodyBytes));
    }

    private byte[] readLimited(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (body.length > limit) {
            metrics.rejected("too_large");
            throw tooLarge();
        }
        return body;
    }

    private InputStream decode(Context ctx, byte[] body) throws IOException {
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")
                || body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        if (!gzip) {
            return new java.io.ByteArrayInputStream(body);
        }
        // A first pass checks the whole body (valid gzip, decoded size within the limit) so that
        // a bad body is refused before any of it is stored.
        try (InputStream check = new Limited(gunzip(body), maxBodyBytes * GZIP_EXPANSION_LIMIT)) {
            check.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return gunzip(body);
    }

    private static InputStream gunzip(byte[] body) throws IOException {
        try {
            return new GZIPInputStream(new java.io.ByteArrayInputStream(body), 64 * 1024);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new HttpError(400, "body is not valid gzip: " + e.getMessage());
        }
    }

    /** Stops a decompression bomb: fails once more than the limit has been read. */
    private final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new HttpError(400, "body is not valid gzip: " + e.getMessage());
            }
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                metrics.rejected("too_large");
                throw new HttpError(413, "decompressed body exceeds " + limit + " bytes; split it into smaller requests");
            }
        }
    }
}
