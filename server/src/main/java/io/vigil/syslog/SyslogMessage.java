package io.vigil.syslog;

import io.vigil.event.Event;
import java.util.List;

/**
 * One received message waiting in the {@link SyslogQueue}, still as bytes: parsed events take
 * ten to twenty times the memory of their text, so the queue holds text and the writers parse it.
 *
 * @param transport how it arrived
 * @param codec the parsing of the listener it arrived on
 * @param text the message, without framing
 * @param truncated it was longer than the limit and was cut
 * @param peer the sender's address
 */
record SyslogMessage(Transport transport, SyslogCodec codec, byte[] text, boolean truncated, String peer) {
    /** Its share of the queue's byte budget. */
    int weight() {
        return text.length;
    }

    List<Event> events() {
        return codec.decode(text, text.length, truncated, peer);
    }
}
