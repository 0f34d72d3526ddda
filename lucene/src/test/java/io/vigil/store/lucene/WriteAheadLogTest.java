package io.vigil.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replaysRecordsAfterTheCheckpointInOrder() throws Exception {
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            wal.replay();
            for (int i = 1; i <= 5; i++) {
                wal.sync(wal.append(bytes("record " + i)));
            }
            wal.checkpoint(2);
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            List<WriteAheadLog.Entry> entries = wal.replay();
            assertThat(entries).extracting(WriteAheadLog.Entry::seq).containsExactly(3L, 4L, 5L);
            assertThat(new String(entries.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("record 3");
            assertThat(wal.append(bytes("next"))).isEqualTo(6);
        }
    }

    @Test
    void ignoresAndCutsATornTailThenKeepsAppendingSafely() throws Exception {
        Path segment;
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            wal.replay();
            wal.sync(wal.append(bytes("acknowledged")));
            wal.sync(wal.append(bytes("torn by the crash")));
        }
        try (var files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("wal-")).findFirst().orElseThrow();
        }
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 5);
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            assertThat(wal.replay()).extracting(WriteAheadLog.Entry::seq).containsExactly(1L);
            wal.sync(wal.append(bytes("after restart")));
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            assertThat(wal.replay()).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
                    .containsExactly("acknowledged", "after restart");
        }
    }

    @Test
    void checkpointDeletesSegmentsNoLongerNeeded() throws Exception {
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            wal.replay();
            wal.sync(wal.append(bytes("a")));
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir)) {
            wal.replay();
            wal.sync(wal.append(bytes("b")));
            wal.checkpoint(2);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("wal-")).count()).isEqualTo(1);
        }
    }
}
