package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyslogFrameReaderTest {

    @Test
    void splitsLinesAndDropsCarriageReturnsAndBlankLines() throws IOException {
        assertThat(frames("<13>a b\r\n\n<13>c\n<13>d", 100)).containsExactly("<13>a b", "<13>c", "<13>d");
    }

    @Test
    void readsOctetCountedFramesWithNewlinesInside() throws IOException {
        String stream = "9 <13>a\nb c" + "5 <13>d" + "\n" + "6 <13>é";
        assertThat(frames(stream, 100)).containsExactly("<13>a\nb c", "<13>d", "<13>é");
    }

    @Test
    void choosesLinesWhenTheFirstBytesAreNotALength() throws IOException {
        assertThat(frames("2024-01-02T03:04:05Z host app: x\n12 not a count\n", 100))
                .containsExactly("2024-01-02T03:04:05Z host app: x", "12 not a count");
    }

    @Test
    void readsAStrayLineOnAnOctetCountedConnectionWithoutLosingTheNextFrame() throws IOException {
        assertThat(frames("5 <13>a<13>line\n5 <13>b", 100)).containsExactly("<13>a", "<13>line", "<13>b");
    }

    @Test
    void cutsLongMessagesAndKeepsReadingAfterThem() throws IOException {
        SyslogFrameReader r = reader("<13>" + "x".repeat(50) + "\n<13>ok\n12 ", 10);
        assertThat(r.next()).isTrue();
        assertThat(text(r)).isEqualTo("<13>xxxxxx");
        assertThat(r.truncated()).isTrue();
        assertThat(r.next()).isTrue();
        assertThat(text(r)).isEqualTo("<13>ok");
        assertThat(r.truncated()).isFalse();

        SyslogFrameReader counted = reader("20 <13>" + "y".repeat(16) + "4 <13>", 10);
        assertThat(counted.next()).isTrue();
        assertThat(counted.truncated()).isTrue();
        assertThat(text(counted)).isEqualTo("<13>yyyyyy");
        assertThat(counted.next()).isTrue();
        assertThat(text(counted)).isEqualTo("<13>");
    }

    @Test
    void givesAFrameCutByTheEndOfTheStreamAsTruncated() throws IOException {
        SyslogFrameReader r = reader("30 <13>only part", 100);
        assertThat(r.next()).isTrue();
        assertThat(text(r)).isEqualTo("<13>only part");
        assertThat(r.truncated()).isTrue();
        assertThat(r.next()).isFalse();
    }

    @Test
    void readsTheSameFramesWhateverTheReadSizes() throws IOException {
        StringBuilder lines = new StringBuilder();
        StringBuilder counted = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String m = "<13>Nov 28 10:00:00 h app[" + i + "]: message " + "z".repeat(i % 97);
            expected.add(m);
            lines.append(m).append('\n');
            counted.append(m.length()).append(' ').append(m);
        }
        for (String stream : List.of(lines.toString(), counted.toString())) {
            assertThat(frames(new Trickle(stream.getBytes(StandardCharsets.UTF_8), new Random(7)), 1000)).isEqualTo(expected);
        }
    }

    private static List<String> frames(String stream, int max) throws IOException {
        return frames(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<String> frames(InputStream in, int max) throws IOException {
        SyslogFrameReader r = new SyslogFrameReader(in, max);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(text(r));
        }
        return out;
    }

    private static SyslogFrameReader reader(String stream, int max) {
        return new SyslogFrameReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static String text(SyslogFrameReader r) {
        return new String(r.message(), 0, r.length(), StandardCharsets.UTF_8);
    }

    /** Hands out a few bytes at a time, as a slow network does. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(40)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
