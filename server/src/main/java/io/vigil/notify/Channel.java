package io.vigil.notify;

import java.util.Map;

/**
 * A named place notifications go to, configured at {@code /api/v1/channels} and referred to by
 * rules as {@code actions: [{channel: [name]}]}. Values only: sending is done by
 * {@link EmailSender} and {@link WebhookSender}. Read and validate one with {@link ChannelFormat}.
 *
 * <p>Secrets (SMTP password, webhook signing secret, the Slack webhook URL, custom header values)
 * appear only in the stored shape, {@code toMap(true)}; the API shape {@code toMap(false)} says
 * whether they are set.
 */
public sealed interface Channel permits EmailChannel, WebhookChannel, SlackChannel {

    /** Unique name, {@code [a-z0-9][a-z0-9_.-]*}. */
    String name();

    /** The stable type name used in files, the API, metrics and delivery status: {@code email}, {@code webhook}, {@code slack}. */
    String type();

    /** Where this channel delivers, safe to show and log: addresses, or the host of a URL. */
    String describe();

    /** The stored shape (with secrets) or the API shape (secrets replaced by {@code *_set} flags). */
    Map<String, Object> toMap(boolean withSecrets);
}
