package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.IpAddresses;

/**
 * A program's own log line that reached Vigil through syslog, a BSD header in front
 * ({@code Sep 15 16:13:46 web1 nginx[2869]: 81.2.3.4 - - [...]}): nginx, Apache and MySQL can log
 * that way, and relays add the header to lines they forward. The text after the header's tag is
 * parsed by the program's own parser; the event keeps the whole line as {@code message}, its own
 * time (the header's only when it has none), and gains {@code host.name} (or {@code host.ip}),
 * {@code process.name} and {@code process.pid} from the header.
 */
final class SyslogRelay {
    private SyslogRelay() {}

    /**
     * @param direct the program's parser for the line without a header; it must not try the
     *     relay itself, so that a line of nested headers is read once, not recursively
     * @param failure the answer when there is no header and tag, or the text after them does not parse
     */
    static ParseResult parse(RawEvent raw, Parser direct, ParseResult.Failed failure) {
        SyslogPrefix header = SyslogPrefix.parse(raw.text(), raw.received());
        SyslogPrefix.Tag tag = header == null ? null : header.tag();
        if (tag == null) {
            return failure;
        }
        ParseResult inner = direct.parse(new RawEvent(tag.body(), raw.received()));
        if (!(inner instanceof ParseResult.Parsed parsed)) {
            return failure;
        }
        for (Event e : parsed.events()) {
            e.put(Ecs.MESSAGE, raw.text()).putIfAbsent(Ecs.TIMESTAMP, header.time());
            if (header.host() != null) {
                e.put(IpAddresses.isIp(header.host()) ? Ecs.HOST_IP : Ecs.HOST_NAME, header.host());
            }
            e.put("process.name", tag.program()).put("process.pid", tag.pid());
        }
        return parsed;
    }
}
