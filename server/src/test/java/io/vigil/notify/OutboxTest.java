package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static Notification pending(String id, Instant t) {
        return Notification.pending(id, new Destination("channel", "default"), "email", "soc@example.com",
                EmailSenderTest.notice(), t);
    }

    @Test
    void aNotificationPutIsReadBackAfterReopeningWithEveryField() throws Exception {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        Notification retry = pending("a1", t).retryAt("SMTP 127.0.0.1:25: connection refused", t.plusSeconds(1), t.plusSeconds(3));
        Outbox.open(dir).put(retry);

        assertThat(Outbox.open(dir).load()).containsExactly(retry);
    }

    @Test
    void aLaterPutReplacesAndRemoveForgets() throws Exception {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        Outbox outbox = Outbox.open(dir);
        outbox.put(pending("a1", t));
        outbox.put(pending("b2", t.plusSeconds(1)));
        Notification sent = pending("a1", t).sent(t.plusSeconds(2));
        outbox.put(sent);

        assertThat(outbox.load()).extracting(Notification::id, Notification::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", Notification.Status.SENT),
                        org.assertj.core.groups.Tuple.tuple("b2", Notification.Status.PENDING));
        outbox.remove("a1");
        assertThat(Outbox.open(dir).load()).extracting(Notification::id).containsExactly("b2");
    }

    @Test
    void leftoversOfACrashAreIgnoredAndAnUnreadableFileIsSetAside() throws Exception {
        Outbox.open(dir).put(pending("ok", Instant.parse("2026-11-28T10:00:00Z")));
        Files.writeString(dir.resolve("half.json.tmp"), "{\"id\": \"ha");
        Files.writeString(dir.resolve("bad.json"), "not json");

        Outbox reopened = Outbox.open(dir);

        assertThat(reopened.load()).extracting(Notification::id).containsExactly("ok");
        assertThat(dir.resolve("half.json.tmp")).doesNotExist();
        assertThat(dir.resolve("bad.json.unreadable")).exists();
    }
}
