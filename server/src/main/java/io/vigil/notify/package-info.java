/**
 * Notifications for new security events: email over SMTP, generic JSON webhooks (optionally
 * HMAC-signed) and Slack incoming webhooks.
 *
 * <p>In: new security events from the {@link io.vigil.server.Detector}, detected or raised by the
 * threat-intel retro-hunt (already throttled per rule
 * and group), the firing rule's actions ({@code channel}, {@code email}, {@code webhook},
 * {@code slack} targets), the channels configured at {@code /api/v1/channels}, and
 * {@link io.vigil.notify.NotifyConfig} (public URL, server SMTP settings, retry policy).
 * Out: messages ({@link io.vigil.notify.MessageFormat}), delivery status on each security event's
 * {@code notifications}, and meters {@code vigil.notifications.*} by channel type.
 *
 * <p>Flow: {@link io.vigil.notify.Notifier} turns each action target into a
 * {@link io.vigil.notify.Notification}, writes it durably to the {@link io.vigil.notify.Outbox}
 * ({@code DATA/outbox/}) before the first attempt, and sends it on its own threads with
 * {@link io.vigil.notify.EmailSender} or {@link io.vigil.notify.WebhookSender}, retrying with
 * exponential backoff until sent or given up.
 *
 * <p>Promises: the ingest thread never waits for SMTP or HTTP; an accepted notification survives
 * a crash or restart and is sent at least once (the same {@code X-Vigil-Delivery} id on every
 * try); secrets (SMTP password, webhook secret, Slack URL, header values) are never logged nor
 * answered by the API; text taken from logs cannot inject mail headers or Slack markup.
 */
package io.vigil.notify;
