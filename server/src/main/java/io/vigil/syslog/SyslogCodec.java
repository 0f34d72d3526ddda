package io.vigil.syslog;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.ingest.IngestPipeline;
import io.vigil.parse.ParserRegistry;
import io.vigil.parse.SyslogRouter;
import io.vigil.store.EventStore;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Turns one received syslog message into complete events, as the ingest pipeline turns a line:
 * the listener's {@link SyslogRouter} parses it (the program chooses the body's type), and the
 * pipeline adds id, ingest time and fallback time and runs the enrichers of the main pipeline.
 * Adds {@code log.source.address} (the sender's address as seen by the socket, which may differ
 * from the host name in the header) and the tags {@code _truncated} and {@code _encoding_failure}.
 * A message without a syslog header is stored raw with {@code _parse_failure}, type {@code syslog}.
 * Thread-safe.
 */
final class SyslogCodec {
    static final String SOURCE_ADDRESS = "log.source.address";

    private final IngestPipeline pipeline;

    /**
     * @param main the server's pipeline: its parser types parse the bodies, its enrichers run on
     *     every event
     * @param programs this listener's program map, added to the built-in one
     * @throws IllegalArgumentException when the map names a type that does not exist
     */
    SyslogCodec(IngestPipeline main, EventStore store, Clock clock, Map<String, List<String>> programs) {
        ParserRegistry routed = new ParserRegistry();
        routed.register(SyslogRouter.FALLBACK_TYPE, SyslogRouter.withDefaults(main.parsers(), programs));
        // A pipeline of its own only because the router is not a registered type of the main one;
        // everything else (store, limits, enrichers) is the main pipeline's.
        this.pipeline = new IngestPipeline(routed, store, clock, main.maxLineBytes(), List.of(main::enrich));
    }

    /** The events of one message; empty for a blank one. Thread-safe. */
    List<Event> decode(byte[] bytes, int length, boolean truncated, String peer) {
        if (isBlank(bytes, length)) {
            return List.of();
        }
        Text text = text(bytes, length);
        List<Event> events = pipeline.toEvents(SyslogRouter.FALLBACK_TYPE, List.of(text.value()));
        for (Event e : events) {
            e.putIfAbsent(SOURCE_ADDRESS, peer);
            if (truncated) {
                e.tag(Ecs.TAG_TRUNCATED);
            }
            if (text.malformed()) {
                e.tag(Ecs.TAG_ENCODING_FAILURE);
            }
        }
        return events;
    }

    private record Text(String value, boolean malformed) {}

    /** Strict UTF-8; invalid sequences become U+FFFD and the event is tagged. */
    private static Text text(byte[] bytes, int length) {
        if (isAscii(bytes, length)) {
            return new Text(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), false);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return new Text(chars.toString(), false);
        } catch (CharacterCodingException e) {
            return new Text(new String(bytes, 0, length, StandardCharsets.UTF_8), true);
        }
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Nothing but spaces, tabs, line ends and NULs: not a message. */
    static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
