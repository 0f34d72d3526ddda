package io.vigil.parse;

import io.vigil.event.Event;

/**
 * Reads the body of one program's syslog lines ({@code sshd}, {@code sudo}, ...) into fields of an
 * event that {@link SyslogParser} has already filled from the header.
 *
 * <p>Contract: thread-safe; never throws on malformed input; adds fields only, never removes the
 * header's. An implementation may set {@code event.dataset} (and {@code event.module}) whether or
 * not it understands the body, because the dataset says which log a line belongs to, not whether
 * it was understood. It sets {@code event.action} exactly when it answers true.
 */
@FunctionalInterface
public interface SyslogProgramParser {

    /**
     * @param body the text after the syslog header ({@code syslog.message}), never null
     * @param event the event to add fields to
     * @return true when the body was recognised and its fields were added; false leaves the event a
     *     plain syslog event
     */
    boolean parse(String body, Event event);
}
