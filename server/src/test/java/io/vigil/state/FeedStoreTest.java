package io.vigil.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.intel.FeedCatalogue;
import io.vigil.intel.FeedDefinition;
import io.vigil.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStoreTest {
    @TempDir
    Path data;

    private static FeedDefinition custom(String name) {
        return new FeedDefinition(name, "https://intel.example/" + name + ".txt", "plain", true, Duration.ofMinutes(30),
                "Phishing Host", Severity.HIGH, 60, Map.of("username", "u", "password", "p"), "partner list");
    }

    @Test
    void keepsUserFeedsAndCatalogueChangesAcrossRestarts() throws Exception {
        FeedStore store = FeedStore.open(data, FeedCatalogue.defaults());
        assertThat(store.create(custom("partner"))).isEqualTo(FeedStore.Outcome.DONE);
        assertThat(store.create(custom("partner"))).isEqualTo(FeedStore.Outcome.EXISTS);
        FeedDefinition tor = store.get("tor_exit_nodes").orElseThrow().feed();
        assertThat(store.replace(tor.withEnabled(false))).isEqualTo(FeedStore.Outcome.DONE);

        FeedStore reopened = FeedStore.open(data, FeedCatalogue.defaults());
        assertThat(reopened.list()).hasSize(11);
        assertThat(reopened.get("partner").orElseThrow().feed()).isEqualTo(custom("partner"));
        FeedStore.Entry changed = reopened.get("tor_exit_nodes").orElseThrow();
        assertThat(changed.changed()).isTrue();
        assertThat(changed.feed().enabled()).isFalse();
        assertThat(reopened.replace(tor)).isEqualTo(FeedStore.Outcome.DONE);
        assertThat(reopened.get("tor_exit_nodes").orElseThrow().changed()).as("back to the catalogue").isFalse();
    }

    @Test
    void refusesToDeleteCatalogueFeedsOrReplaceMissingOnes() throws Exception {
        FeedStore store = FeedStore.open(data, FeedCatalogue.defaults());
        assertThat(store.delete("spamhaus_drop")).isEqualTo(FeedStore.Outcome.BUILT_IN);
        assertThat(store.delete("nope")).isEqualTo(FeedStore.Outcome.MISSING);
        assertThat(store.replace(custom("nope"))).isEqualTo(FeedStore.Outcome.MISSING);
        store.create(custom("partner"));
        assertThat(store.delete("partner")).isEqualTo(FeedStore.Outcome.DONE);
        assertThat(FeedStore.open(data, FeedCatalogue.defaults()).get("partner")).isEmpty();
    }

    @Test
    void reportsEveryInvalidFeedInTheStateFile() throws Exception {
        Files.createDirectories(data.resolve("state"));
        Files.writeString(data.resolve("state/feeds.json"), """
                {"custom": {"a": {"name": "a", "format": "xml", "context": "x"},
                            "b": {"name": "b", "context": "", "severity": "huge"}}}""");
        assertThatThrownBy(() -> FeedStore.open(data, Map.of()))
                .hasMessageContaining("custom.a").hasMessageContaining("format")
                .hasMessageContaining("custom.b").hasMessageContaining("severity");
    }
}
