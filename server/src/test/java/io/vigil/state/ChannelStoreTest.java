package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notify.EmailChannel;
import io.vigil.notify.SlackChannel;
import io.vigil.notify.Smtp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelStoreTest {
    @TempDir
    Path dir;

    @Test
    void channelsSurviveReopeningAndTheFileIsReadableByItsOwnerOnly() throws Exception {
        ChannelStore store = ChannelStore.open(dir);
        EmailChannel email = new EmailChannel("default", List.of("soc@example.com"),
                new Smtp("mail.example.com", 0, Smtp.Tls.STARTTLS, "vigil", "pw", "vigil@example.com", null));
        store.create(email);
        store.create(new SlackChannel("slack", "https://hooks.slack.example/services/T/B/x"));
        store.replace(new SlackChannel("slack", "https://hooks.slack.example/services/T/B/y"));
        store.delete("nothing-here");

        ChannelStore reopened = ChannelStore.open(dir);

        assertThat(reopened.get("default")).contains(email);
        assertThat(reopened.get("slack")).contains(new SlackChannel("slack", "https://hooks.slack.example/services/T/B/y"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/channels.json"))))
                .isEqualTo("rw-------");
        assertThat(reopened.delete("slack")).isTrue();
        assertThat(ChannelStore.open(dir).list()).containsExactly(email);
    }

    @Test
    void aNameIsTakenOnceAndOnlyExistingChannelsAreReplaced() throws Exception {
        ChannelStore store = ChannelStore.open(dir);
        store.create(new SlackChannel("slack", "https://hooks.slack.example/a"));

        assertThatThrownBy(() -> store.create(new SlackChannel("slack", "https://hooks.slack.example/b")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.replace(new SlackChannel("other", "https://hooks.slack.example/b")))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void anInvalidFileStopsTheStartNamingTheChannel() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/channels.json"), "{\"channels\": [{\"name\": \"x\", \"type\": \"fax\"}]}");

        assertThatThrownBy(() -> ChannelStore.open(dir)).hasMessageContaining("channel x").hasMessageContaining("type");
    }
}
