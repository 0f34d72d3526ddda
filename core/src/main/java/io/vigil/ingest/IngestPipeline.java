package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.parse.ParseResult;
import io.vigil.parse.Parser;
import io.vigil.parse.ParserRegistry;
import io.vigil.parse.RawEvent;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits a body into lines, parses each with the requested type, completes the events (id, ingest
 * time, fallback timestamp, failure tags) and appends them to the store in batches.
 *
 * <p>Every line becomes one event or several: unparsable lines are stored with their raw text.
 * Blank lines are skipped and not counted; a line a parser recognises as format metadata (a VPC
 * flow log header naming its fields) is counted as accepted and produces no event. Thread-safe.
 */
public final class IngestPipeline {
    /** Request body formats. */
    public enum Format {
        /** One record per line, parsed by the type's parser. */
        LINES,
        /** One JSON object per line; for types other than {@code json} its {@code message} is parsed. */
        NDJSON
    }

    public static final int MAX_ERRORS_REPORTED = 100;
    private static final int BATCH = 5_000;

    private final ParserRegistry parsers;
    private final EventStore store;
    private final Clock clock;
    private final int maxLineBytes;
    private final List<io.vigil.enrich.Enricher> enrichers;

    public IngestPipeline(ParserRegistry parsers, EventStore store, Clock clock, int maxLineBytes) {
        this(parsers, store, clock, maxLineBytes, List.of());
    }

    /** @param enrichers applied in order to every event after parsing, before storage */
    public IngestPipeline(ParserRegistry parsers, EventStore store, Clock clock, int maxLineBytes,
                          List<io.vigil.enrich.Enricher> enrichers) {
        this.parsers = parsers;
        this.store = store;
        this.clock = clock;
        this.maxLineBytes = maxLineBytes;
        this.enrichers = List.copyOf(enrichers);
    }

    public ParserRegistry parsers() {
        return parsers;
    }

    /** The longest record read; longer ones are cut to this many bytes and tagged {@code _truncated}. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * One record made ready for the store.
     *
     * @param events complete events (id, times, tags), never empty
     * @param failure why the type's parser did not understand the record (the events then hold the
     *     raw record tagged {@code _parse_failure}), or null when it did
     */
    public record Converted(List<Event> events, String failure) {}

    /**
     * Converts one JSON document exactly as {@link #ingest} converts a line of an NDJSON body of
     * that type: {@code json} flattens it as is; another type parses its {@code message} and keeps
     * its other fields. Stores nothing. Never throws on malformed input.
     *
     * @throws UnknownTypeException when the type does not exist
     */
    public Converted convert(String type, String json, Instant received) {
        Parser parser = parsers.find(type).orElseThrow(() -> new UnknownTypeException(type, parsers.types()));
        Counter counter = new Counter();
        List<Event> events = toEvents(type, parser, Format.NDJSON, json, received, 1, counter);
        return new Converted(events, counter.errors.isEmpty() ? null : counter.errors.get(0).reason());
    }

    /**
     * Ingests a whole body. On return every counted line is durable.
     *
     * @throws UnknownTypeException before reading anything, when the type does not exist
     * @throws IOException when reading the body or storing fails; batches stored before stay stored
     */
    public IngestReport ingest(String type, Format format, InputStream body) throws IOException {
        Parser parser = parsers.find(type).orElseThrow(() -> new UnknownTypeException(type, parsers.types()));
        Instant received = clock.instant();
        Counter counter = new Counter();
        List<Event> batch = new ArrayList<>(BATCH);
        LineReader reader = new LineReader(body, maxLineBytes);
        byte[] line;
        long lineNo = 0;
        while ((line = reader.next()) != null) {
            lineNo++;
            if (isBlank(line, reader.length())) {
                continue;
            }
            Decoded decoded = decode(line, reader.length());
            List<Event> events = toEvents(type, parser, format, decoded.text(), received, lineNo, counter);
            for (Event e : events) {
                if (decoded.malformed()) {
                    e.tag(Ecs.TAG_ENCODING_FAILURE);
                }
                if (reader.truncated()) {
                    e.tag(Ecs.TAG_TRUNCATED);
                }
                batch.add(e);
            }
            if (batch.size() >= BATCH) {
                store.append(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            store.append(batch);
        }
        return new IngestReport(counter.accepted, counter.failed, List.copyOf(counter.errors));
    }

    /** Parses and completes events from already-split records (used by tests, demo and bench). */
    public List<Event> toEvents(String type, List<String> lines) {
        Parser parser = parsers.find(type).orElseThrow(() -> new UnknownTypeException(type, parsers.types()));
        Instant received = clock.instant();
        Counter counter = new Counter();
        List<Event> out = new ArrayList<>(lines.size());
        long n = 0;
        for (String line : lines) {
            out.addAll(toEvents(type, parser, Format.LINES, line, received, ++n, counter));
        }
        return out;
    }

    private List<Event> toEvents(String type, Parser parser, Format format, String text, Instant received,
                                 long lineNo, Counter counter) {
        Event envelope = null;
        String record = text;
        if (format == Format.NDJSON && !type.equals("json")) {
            // A shipper's JSON wrapper: parse its message with the type, keep its other fields.
            try {
                JsonNode node = EventJson.MAPPER.readTree(text);
                if (node != null && node.isObject() && node.path(Ecs.MESSAGE).isTextual()) {
                    envelope = EventJson.fromJson(node);
                    record = node.get(Ecs.MESSAGE).textValue();
                }
            } catch (IOException e) {
                // Not JSON after all: parse the line itself.
            }
        }
        RawEvent raw = new RawEvent(record, received);
        ParseResult result;
        try {
            result = parser.parse(raw);
        } catch (RuntimeException e) {
            // A parser broke its contract; keep the line rather than lose it.
            result = new ParseResult.Failed(raw, "parser error: " + e);
        }
        List<Event> events;
        if (result instanceof ParseResult.Parsed parsed) {
            // A parsed line with no events is format metadata (a VPC flow log header): understood, nothing to store.
            counter.accepted++;
            events = new ArrayList<>(parsed.events());
        } else {
            String reason = ((ParseResult.Failed) result).reason();
            counter.fail(lineNo, reason);
            events = List.of(new Event()
                    .put(Ecs.MESSAGE, record)
                    .put(Ecs.EVENT_DATASET, type)
                    .put(Ecs.ERROR_MESSAGE, reason)
                    .tag(Ecs.TAG_PARSE_FAILURE));
        }
        Instant ingested = clock.instant();
        for (Event e : events) {
            if (envelope != null) {
                for (Map.Entry<String, Object> f : envelope.fields().entrySet()) {
                    e.putIfAbsent(f.getKey(), f.getValue());
                }
            }
            complete(e, received, ingested);
            enrich(e);
        }
        return events;
    }

    /** Applies the enrichers; one that breaks its contract is skipped for this event, not fatal. */
    public void enrich(Event e) {
        for (io.vigil.enrich.Enricher enricher : enrichers) {
            try {
                enricher.enrich(e);
            } catch (RuntimeException ex) {
                e.tag("_enrichment_failure");
            }
        }
    }

    /** Fills what every stored event needs: an id, the ingest time and a timestamp. */
    public static void complete(Event e, Instant received, Instant ingested) {
        if (e.timestamp() == null) {
            e.put(Ecs.TIMESTAMP, received);
            if (!e.hasTag(Ecs.TAG_PARSE_FAILURE)) {
                e.tag(Ecs.TAG_TIMESTAMP_FAILURE);
            }
        }
        e.put(Ecs.EVENT_INGESTED, ingested);
        if (e.id() == null) {
            e.put(Ecs.ID, newId());
        }
    }

    /** A random 128-bit id, URL-safe base64 (22 characters). */
    public static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(r.nextLong()).putLong(r.nextLong());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    record Decoded(String text, boolean malformed) {}

    /** Strict UTF-8 first; invalid sequences become U+FFFD and {@code malformed} tells. */
    static Decoded decode(byte[] bytes, int length) {
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new Decoded(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), false);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes, 0, length));
            return new Decoded(chars.toString(), false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, 0, length, StandardCharsets.UTF_8), true);
        }
    }

    private static final class Counter {
        long accepted;
        long failed;
        final List<IngestReport.LineError> errors = new ArrayList<>();

        void fail(long line, String reason) {
            failed++;
            if (errors.size() < MAX_ERRORS_REPORTED) {
                errors.add(new IngestReport.LineError(line, reason));
            }
        }
    }
}
