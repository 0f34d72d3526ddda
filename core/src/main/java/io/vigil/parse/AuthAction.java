package io.vigil.parse;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import java.util.List;

/**
 * How an authentication line is classified in ECS.
 *
 * @param action {@code event.action}, e.g. {@code ssh_login}
 * @param category {@code event.category}
 * @param type {@code event.type}
 * @param outcome {@code success}, {@code failure}, {@code unknown}, or null when the line says
 *     nothing about success (a disconnect)
 */
record AuthAction(String action, List<String> category, List<String> type, String outcome) {
    static final List<String> AUTHENTICATION = List.of("authentication");
    static final List<String> AUTHENTICATION_SESSION = List.of("authentication", "session");
    static final List<String> SESSION = List.of("session");
    static final List<String> NETWORK = List.of("network");
    static final List<String> PROCESS = List.of("process");
    static final List<String> START = List.of("start");
    static final List<String> END = List.of("end");
    static final List<String> INFO = List.of("info");
    static final List<String> CONNECTION = List.of("connection");

    AuthAction {
        category = List.copyOf(category);
        type = List.copyOf(type);
    }

    /** An authentication attempt that failed. */
    static AuthAction authFailure(String action) {
        return new AuthAction(action, AUTHENTICATION, INFO, "failure");
    }

    /** A connection turned away before authentication: scanners, broken clients. */
    static AuthAction connectionFailure(String action) {
        return new AuthAction(action, NETWORK, CONNECTION, "failure");
    }

    void applyTo(Event event) {
        event.put(Ecs.EVENT_ACTION, action)
                .put(Ecs.EVENT_CATEGORY, category)
                .put(Ecs.EVENT_TYPE, type)
                .put(Ecs.EVENT_OUTCOME, outcome);
    }
}
