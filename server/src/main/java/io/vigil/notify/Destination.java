package io.vigil.notify;

import io.vigil.rules.Action;

/**
 * Where one rule action sends: a configured channel by name, or an address given in the rule
 * itself (an email address, a webhook URL, a Slack incoming-webhook URL).
 *
 * @param kind one of {@link Action#KINDS}: {@code channel}, {@code email}, {@code webhook}, {@code slack}
 */
public record Destination(String kind, String target) {

    public Destination {
        if (!Action.KINDS.contains(kind)) {
            throw new IllegalArgumentException("destination kind must be one of " + Action.KINDS + ", got " + kind);
        }
    }

    public boolean isChannel() {
        return "channel".equals(kind);
    }

    /** Safe to show and log: a URL is cut to its host, since Slack and many webhooks carry the credential in the path. */
    public String describe() {
        return "webhook".equals(kind) || "slack".equals(kind) ? WebhookChannel.hostOf(target) : target;
    }
}
