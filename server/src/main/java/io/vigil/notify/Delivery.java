package io.vigil.notify;

/**
 * The outcome of one attempt to send one notification. Senders answer with it instead of
 * throwing: a server that is down is an ordinary outcome.
 */
public sealed interface Delivery {

    /** Accepted by the SMTP server or answered 2xx by the webhook. */
    record Sent(String detail) implements Delivery {}

    /**
     * Not delivered.
     *
     * @param reason what went wrong, for a person; never contains a secret
     * @param permanent true when retrying cannot help (refused address, 4xx answer, bad credentials)
     */
    record Failed(String reason, boolean permanent) implements Delivery {}
}
