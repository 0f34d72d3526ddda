package io.vigil.rules;

import java.util.List;

/**
 * A notification to send when the rule fires: {@code email} (addresses), {@code webhook} (URLs),
 * {@code slack} (incoming-webhook URLs) or {@code channel} (names of channels configured on the
 * server).
 */
public record Action(String kind, List<String> targets) {
    public static final List<String> KINDS = List.of("email", "webhook", "slack", "channel");

    public Action {
        targets = List.copyOf(targets);
    }
}
