package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Elasticsearch bulk format: NDJSON pairs of an action line ({@code {"index": {"_index":
 * "nginx", "_id": "1"}}}) and a document line, as sent by log shippers to {@code _bulk}; and single
 * documents ({@code _doc}, {@code _create}).
 *
 * <p>Contract: every action yields exactly one {@link Item}, in request order. {@code index} and
 * {@code create} documents are converted by the type {@link IndexTypes} chooses (via
 * {@link IngestPipeline#convert}), tagged with their index in {@value #INDEX_FIELD}, and stored;
 * when this returns, every item with status 201 is durable. Nothing fails the whole body: a
 * malformed action line, a bad document, a missing index, or a {@code delete} / {@code update}
 * action (events are immutable) is a 400 item and nothing of it is stored; a store failure makes
 * the items of that batch 503 (retryable) and processing goes on. After a malformed action line
 * the next line is read as an action when it is one, else skipped as that action's document.
 * An action's {@code _id} becomes the stored event's {@code _id}; ids are not checked for
 * duplicates, so {@code create} never answers 409. Unknown action parameters ({@code _type},
 * {@code routing}, {@code pipeline}...) are ignored. Blank lines are skipped. Thread-safe.
 */
public final class ElasticBulk {
    /** Where the index a document was sent to is kept. */
    public static final String INDEX_FIELD = "labels.index";
    /** Elasticsearch refuses longer ids; so does Vigil, for the same clients' sake. */
    private static final int MAX_ID_BYTES = 512;
    private static final int BATCH = 5_000;
    private static final Set<String> OPS = Set.of("index", "create", "delete", "update");

    /**
     * What happened to one action.
     *
     * @param op the action as sent: {@code index}, {@code create}, {@code delete}, {@code update};
     *     {@code index} when the line was unreadable
     * @param index the target index, null when unknown
     * @param id the document id as sent or as given by Vigil; null when nothing was stored
     * @param status 201 stored; 400 refused; 503 the store failed (retry)
     * @param error the error type in Elasticsearch's words, null when stored
     * @param reason why, in words a person can act on; null when stored
     * @param type the parser type chosen, null when refused before one was
     * @param parsed whether that parser understood the document (false: stored raw, tagged
     *     {@code _parse_failure})
     */
    public record Item(String op, String index, String id, int status, String error, String reason, String type,
                       boolean parsed) {
        public boolean stored() {
            return status == 201;
        }

        static Item refused(String op, String index, String error, String reason) {
            return new Item(op, index, null, 400, error, reason, null, false);
        }

        Item failedToStore(String why) {
            return new Item(op, index, null, 503, "store_unavailable_exception", why, type, parsed);
        }
    }

    private final IngestPipeline pipeline;
    private final IndexTypes types;
    private final EventStore store;
    private final Clock clock;

    public ElasticBulk(IngestPipeline pipeline, EventStore store, Clock clock) {
        this.pipeline = pipeline;
        this.types = new IndexTypes(pipeline.parsers());
        this.store = store;
        this.clock = clock;
    }

    /**
     * Reads and stores a whole bulk body.
     *
     * @param defaultIndex the index of actions that name none (from the path), or null
     * @throws IOException when reading the body fails; items stored before stay stored
     */
    public List<Item> bulk(InputStream body, String defaultIndex) throws IOException {
        Lines lines = new Lines(new LineReader(body, pipeline.maxLineBytes()));
        Pending pending = new Pending(clock.instant());
        Line line;
        while ((line = lines.next()) != null) {
            Action action = Action.parse(line);
            if (action instanceof Action.Malformed bad) {
                pending.items.add(Item.refused(bad.op(), null, "illegal_argument_exception", bad.reason()));
                Line next = lines.next();
                if (next != null && Action.parse(next) instanceof Action.Valid) {
                    lines.pushBack(next);
                }
                continue;
            }
            Action.Valid valid = (Action.Valid) action;
            if (valid.op().equals("delete") || valid.op().equals("update")) {
                pending.items.add(unsupported(valid, defaultIndex));
                if (valid.op().equals("update")) {
                    lines.next(); // its partial document
                }
                continue;
            }
            Line source = lines.next();
            if (source == null) {
                pending.items.add(Item.refused(valid.op(), valid.indexOr(defaultIndex), "illegal_argument_exception",
                        "the " + valid.op() + " action on line " + line.number() + " has no document line after it"));
                break;
            }
            pending.add(document(valid.op(), valid.indexOr(defaultIndex), valid.id(), source, pending.received));
            if (pending.events.size() >= BATCH) {
                pending.flush();
            }
        }
        pending.flush();
        return pending.items;
    }

    /**
     * Stores one document ({@code op} {@code index} or {@code create}); the body may span lines.
     *
     * @param id the id to give it, or null for a new one
     */
    public Item one(String op, String index, String id, String source) {
        Pending pending = new Pending(clock.instant());
        pending.add(document(op, index, id, new Line(source, false, false, 1), pending.received));
        pending.flush();
        return pending.items.get(0);
    }

    private static Item unsupported(Action.Valid action, String defaultIndex) {
        return Item.refused(action.op(), action.indexOr(defaultIndex), "illegal_argument_exception",
                "Vigil keeps events immutable and does not support the [" + action.op() + "] action");
    }

    /** A document checked and converted, or the item that refuses it. */
    private record Converted(Item item, List<Event> events) {}

    private Converted document(String op, String index, String id, Line source, Instant received) {
        if (index == null) {
            return refuse(op, null, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
        }
        if (id != null && id.isEmpty()) {
            return refuse(op, index, "action_request_validation_exception", "Validation Failed: 1: an id must not be empty;");
        }
        if (id != null && id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            return refuse(op, index, "action_request_validation_exception",
                    "Validation Failed: 1: id [" + id.substring(0, 32) + "...] is longer than " + MAX_ID_BYTES + " bytes;");
        }
        if (source.truncated()) {
            return refuse(op, index, "document_parsing_exception", "the document on line " + source.number()
                    + " is longer than " + pipeline.maxLineBytes() + " bytes (ingest.max_line_bytes)");
        }
        JsonNode document;
        try {
            document = EventJson.MAPPER.readTree(source.text());
        } catch (JsonProcessingException e) {
            return refuse(op, index, "document_parsing_exception",
                    "failed to parse the document on line " + source.number() + ": " + e.getOriginalMessage());
        }
        if (document == null || !document.isObject()) {
            return refuse(op, index, "document_parsing_exception", "the document on line " + source.number()
                    + " is not a JSON object");
        }
        String type = types.choose(index, document);
        IngestPipeline.Converted converted = pipeline.convert(type, source.text(), received);
        List<Event> events = converted.events();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            e.put(INDEX_FIELD, index);
            if (id != null) {
                e.put(Ecs.ID, i == 0 ? id : id + "-" + i);
            }
            if (source.malformed()) {
                e.tag(Ecs.TAG_ENCODING_FAILURE);
            }
        }
        Item item = new Item(op, index, events.get(0).id(), 201, null, null, type, converted.failure() == null);
        return new Converted(item, events);
    }

    private static Converted refuse(String op, String index, String error, String reason) {
        return new Converted(Item.refused(op, index, error, reason), List.of());
    }

    /** Items in request order and the events of the not yet stored ones. */
    private final class Pending {
        final Instant received;
        final List<Item> items = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final List<Integer> unstored = new ArrayList<>();

        Pending(Instant received) {
            this.received = received;
        }

        void add(Converted c) {
            if (c.item().stored()) {
                unstored.add(items.size());
                events.addAll(c.events());
            }
            items.add(c.item());
        }

        /** Stores the batch; its items answer 201 only once it is durable. */
        void flush() {
            if (events.isEmpty()) {
                return;
            }
            try {
                store.append(events);
            } catch (IOException e) {
                // Per item, as Elasticsearch does: the shipper retries these and keeps the rest.
                String why = "could not store the document: " + e.getMessage();
                for (int i : unstored) {
                    items.set(i, items.get(i).failedToStore(why));
                }
            }
            events.clear();
            unstored.clear();
        }
    }

    /** One line as text, whether its bytes were valid UTF-8 and whether it was cut, 1-based. */
    private record Line(String text, boolean malformed, boolean truncated, long number) {}

    /** Non-blank lines, with one line of push-back for resynchronising after a bad action. */
    private static final class Lines {
        private final LineReader reader;
        private Line pushedBack;
        private long number;

        Lines(LineReader reader) {
            this.reader = reader;
        }

        Line next() throws IOException {
            if (pushedBack != null) {
                Line l = pushedBack;
                pushedBack = null;
                return l;
            }
            byte[] bytes;
            while ((bytes = reader.next()) != null) {
                number++;
                IngestPipeline.Decoded decoded = IngestPipeline.decode(bytes, reader.length());
                if (!decoded.text().isBlank()) {
                    return new Line(decoded.text(), decoded.malformed(), reader.truncated(), number);
                }
            }
            return null;
        }

        void pushBack(Line line) {
            pushedBack = line;
        }
    }

    /** An action line, read. */
    private sealed interface Action {
        record Valid(String op, String index, String id) implements Action {
            String indexOr(String fallback) {
                return index != null ? index : fallback;
            }
        }

        record Malformed(String op, String reason) implements Action {}

        static Action parse(Line line) {
            String where = "Malformed action/metadata line [" + line.number() + "]";
            JsonNode node;
            try {
                node = line.truncated() ? null : EventJson.MAPPER.readTree(line.text());
            } catch (JsonProcessingException e) {
                return new Malformed("index", where + ": not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject() || node.size() != 1) {
                return new Malformed("index", where + ", expected an object with one of [create, delete, index, update]");
            }
            String op = node.fieldNames().next();
            if (!OPS.contains(op)) {
                return new Malformed("index", where + ", expected one of [create, delete, index, update] but found [" + op + "]");
            }
            JsonNode meta = node.get(op);
            JsonNode index = meta.path("_index");
            JsonNode id = meta.path("_id");
            if (!meta.isObject() || !(index.isMissingNode() || index.isNull() || index.isTextual())
                    || !(id.isMissingNode() || id.isNull() || id.isTextual() || id.isIntegralNumber())) {
                return new Malformed(op, where + ": [" + op + "] must hold an object whose _index is a string"
                        + " and _id a string or a number");
            }
            String indexName = index.isTextual() && !index.textValue().isBlank() ? index.textValue() : null;
            String idValue = id.isTextual() || id.isIntegralNumber() ? id.asText() : null;
            return new Valid(op, indexName, idValue);
        }
    }
}
