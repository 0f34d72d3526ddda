package io.vigil.syslog;

import io.vigil.event.Event;
import java.util.List;

/**
 * One received message, parsed, waiting in the {@link SyslogQueue} for the store.
 *
 * @param transport how it arrived
 * @param events what it became (usually one event), complete and ready to append
 * @param weight its share of the queue's byte budget: the length of its text
 */
record SyslogMessage(Transport transport, List<Event> events, int weight) {}
