package io.vigil.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.detect.SecurityEvent;
import io.vigil.ingest.IngestPipeline;
import io.vigil.rules.Action;
import io.vigil.server.Detector;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications for new security events, as the firing rule's actions say.
 *
 * <p>Contract: for each action target of a new event (the {@link Detector} announces only new
 * episodes, so throttling is already done) one {@link Notification} is written to the
 * {@link Outbox} on the announcing thread (disk only) and then sent on the notifier's own two
 * threads, so ingest never waits for SMTP or HTTP. A failed attempt is retried with exponential
 * backoff ({@link NotifyConfig.Retry}); a pending notification survives a restart and is tried
 * again at once. Every outcome is recorded on the security event's {@code notifications} (status
 * {@code pending}, {@code sent} or {@code failed}, attempts, last error, times) and counted in
 * {@link NotifyMetrics}. A rule naming a channel that does not exist sends nothing there (logged
 * once per name, counted as skipped). Delivery is at least once: receivers get the same
 * {@code X-Vigil-Delivery} id on every retry. Secrets are never logged. Thread-safe.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final NotifyConfig config;
    private final Outbox outbox;
    private final Function<String, Optional<Channel>> channels;
    private final Function<String, List<Action>> actions;
    private final Detector detector;
    private final Clock clock;
    private final EmailSender email;
    private final WebhookSender http;
    private final NotifyMetrics metrics;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Notification> pending = new ConcurrentHashMap<>();
    private final Set<String> warnedMissing = ConcurrentHashMap.newKeySet();
    /** Serialises read-modify-write of events' notification lists between the two sender threads. */
    private volatile boolean closed;
    private volatile Runnable unsubscribe = () -> {};

    private Notifier(NotifyConfig config, Outbox outbox, Function<String, Optional<Channel>> channels,
                     Function<String, List<Action>> actions, Detector detector, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.channels = channels;
        this.actions = actions;
        this.detector = detector;
        this.clock = clock;
        this.email = new EmailSender(config.timeout());
        this.http = new WebhookSender(config.timeout());
        this.metrics = new NotifyMetrics(registry, type -> pending.values().stream().filter(n -> n.type().equals(type)).count());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "vigil-notify-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // At stop, waiting retries stay in the outbox for the next start instead of running.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Resumes what the outbox holds and starts listening to the detector.
     *
     * @param channels configured channels by name
     * @param actions the actions of a rule by rule id (empty for an unknown rule)
     */
    public static Notifier start(NotifyConfig config, Outbox outbox, Function<String, Optional<Channel>> channels,
                                 Function<String, List<Action>> actions, Detector detector, MeterRegistry registry,
                                 Clock clock) throws IOException {
        Notifier n = new Notifier(config, outbox, channels, actions, detector, registry, clock);
        for (Notification stored : outbox.load()) {
            n.resume(stored);
        }
        n.unsubscribe = detector.onNewSecurityEvent(n::announce);
        return n;
    }

    /** Sends a test message to a channel now, on the calling thread, and answers the outcome. Nothing is queued. */
    public Delivery test(Channel channel) {
        try {
            return send(channel, Notice.test(config.publicUrl(), clock.instant()), "test-" + IngestPipeline.newId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Failed("interrupted", false);
        }
    }

    private void announce(SecurityEvent event) {
        if (closed) {
            return;
        }
        Notice notice = Notice.of(event, config.publicUrl());
        for (Action action : actions.apply(event.ruleId())) {
            for (String target : action.targets()) {
                accept(new Destination(action.kind(), target), notice);
            }
        }
    }

    private void accept(Destination d, Notice notice) {
        Optional<Channel> channel = d.isChannel() ? channels.apply(d.target()) : Optional.empty();
        if (d.isChannel() && channel.isEmpty()) {
            metrics.skipped();
            if (warnedMissing.add(d.target())) {
                LOG.warn("rule {} sends to channel '{}', which does not exist: nothing sent (create it at /api/v1/channels)",
                        notice.ruleId(), d.target());
            }
            return;
        }
        String type = channel.map(Channel::type).orElse(d.kind());
        String target = channel.map(Channel::describe).orElse(d.describe());
        Notification n = Notification.pending(IngestPipeline.newId(), d, type, target, notice, clock.instant());
        try {
            outbox.put(n);
        } catch (IOException e) {
            LOG.error("cannot write notification for event {} to the outbox; it is not sent: {}", notice.eventId(), e.toString());
            metrics.failed(type);
            return;
        }
        warnedMissing.remove(d.target());
        pending.put(n.id(), n);
        schedule(n.id(), Duration.ZERO);
    }

    private void resume(Notification n) throws IOException {
        if (n.done()) {
            // Finished before a crash or stop, but possibly not yet recorded on the event.
            record(n);
            outbox.remove(n.id());
            return;
        }
        pending.put(n.id(), n);
        schedule(n.id(), Duration.ZERO); // a restart is often what fixed the problem: try at once
    }

    private void schedule(String id, Duration delay) {
        try {
            executor.schedule(() -> attempt(id), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: the notification stays in the outbox and is tried after the next start.
        }
    }

    private void attempt(String id) {
        Notification n = pending.get(id);
        if (n == null || closed) {
            return;
        }
        Delivery delivery;
        try {
            delivery = deliver(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: not an attempt, the outbox keeps it pending
            return;
        } catch (RuntimeException e) {
            // A bug, not an outage: retrying would repeat it, and an exception here would leave the notification stuck.
            LOG.error("notification {} could not be attempted", id, e);
            delivery = new Delivery.Failed("internal error (" + e.getClass().getSimpleName() + "); the server log has the details", true);
        }
        Notification next = outcome(n, delivery, clock.instant());
        try {
            outbox.put(next);
        } catch (IOException e) {
            if (closed) {
                LOG.info("stopping: the outcome of notification {} is not saved; it is tried again after the next start", id);
                return;
            }
            LOG.error("cannot update notification {} in the outbox: {}", id, e.toString());
        }
        count(next);
        if (closed) {
            return; // the outbox has the outcome; it is recorded on the event after the next start
        }
        record(next);
        if (next.done()) {
            pending.remove(id);
            removeFromOutbox(id);
        } else {
            pending.put(id, next);
            schedule(id, Duration.between(clock.instant(), next.nextAttempt()));
        }
    }

    private Notification outcome(Notification n, Delivery delivery, Instant now) {
        if (delivery instanceof Delivery.Sent) {
            return n.sent(now);
        }
        Delivery.Failed f = (Delivery.Failed) delivery;
        int attempts = n.attempts() + 1;
        NotifyConfig.Retry retry = config.retry();
        if (f.permanent()) {
            return n.failed(f.reason(), now);
        }
        if (attempts >= retry.maxAttempts() || !now.isBefore(n.created().plus(retry.maxAge()))) {
            return n.failed("gave up after " + attempts + " attempt(s): " + f.reason(), now);
        }
        return n.retryAt(f.reason(), now, now.plus(retry.delay(attempts)));
    }

    private void count(Notification n) {
        if (n.status() == Notification.Status.SENT) {
            metrics.sent(n.type());
        } else if (n.status() == Notification.Status.FAILED) {
            metrics.failed(n.type());
            LOG.warn("notification {} for event {} to {} failed: {}", n.id(), n.eventId(), n.target(), n.lastError());
        } else {
            metrics.retried(n.type());
        }
    }

    private Delivery deliver(Notification n) throws InterruptedException {
        Optional<Channel> channel = resolve(n.destination());
        if (channel.isEmpty()) {
            return new Delivery.Failed("channel '" + n.destination().target() + "' no longer exists", true);
        }
        return send(channel.get(), n.notice(), n.id());
    }

    /** The channel a destination means now: a configured one (current settings), or one made from the rule's address. */
    private Optional<Channel> resolve(Destination d) {
        switch (d.kind()) {
            case "channel":
                return channels.apply(d.target());
            case "email":
                return Optional.of(new EmailChannel(EmailChannel.TYPE, List.of(d.target()), null));
            case "webhook":
                return Optional.of(new WebhookChannel(WebhookChannel.TYPE, d.target(), Map.of(), null));
            default:
                return Optional.of(new SlackChannel(SlackChannel.TYPE, d.target()));
        }
    }

    private Delivery send(Channel channel, Notice notice, String id) throws InterruptedException {
        if (channel instanceof WebhookChannel w) {
            return http.send(w, notice, id);
        }
        if (channel instanceof SlackChannel s) {
            return http.send(s, notice, id);
        }
        EmailChannel e = (EmailChannel) channel;
        Smtp smtp = e.smtp() != null ? e.smtp() : serverSmtp();
        if (smtp == null) {
            return new Delivery.Failed("no SMTP server: set VIGIL_SMTP_HOST (smtp.host) or give the email channel smtp settings", false);
        }
        return email.send(smtp.withFromFallback(config.smtp() == null ? null : config.smtp().from()), e, notice, id);
    }

    /** For addresses in rules and channels without SMTP settings: the configuration's, else the {@code default} email channel's. */
    private Smtp serverSmtp() {
        if (config.smtp() != null) {
            return config.smtp();
        }
        return channels.apply("default").filter(c -> c instanceof EmailChannel).map(c -> ((EmailChannel) c).smtp()).orElse(null);
    }

    /** Writes a notification's status into its security event, keeping every other change made to the event meanwhile. */
    private void record(Notification n) {
        try {
            detector.modify(n.eventId(), e -> {
                List<Map<String, Object>> list = new ArrayList<>(e.notifications());
                list.removeIf(m -> n.id().equals(m.get("id")));
                list.add(n.statusJson());
                list.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("created"))));
                return e.withNotifications(list);
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record notification status on event {}: {}", n.eventId(), e.toString());
        }
    }


    private void removeFromOutbox(String id) {
        try {
            outbox.remove(id);
        } catch (IOException e) {
            LOG.warn("cannot remove finished notification {} from the outbox: {}", id, e.toString());
        }
    }

    /**
     * Stops listening and sending: an attempt under way may finish for a few seconds, then is
     * interrupted. Pending notifications stay in the outbox for the next start.
     */
    @Override
    public void close() {
        closed = true;
        unsubscribe.run();
        executor.shutdown();
        try {
            long grace = Math.min(config.timeout().toMillis(), 5_000);
            if (!executor.awaitTermination(grace, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("a notification attempt was still running at stop; it is tried again after the next start");
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
