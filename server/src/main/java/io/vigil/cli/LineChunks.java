package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks of whole lines of about {@code chunkBytes} each (a line longer than that
 * is a chunk of its own), for sending as separate requests. A last line without a line end gets
 * one. Not thread-safe.
 */
final class LineChunks {
    /** A chunk: its bytes, how many lines it holds and the 1-based number of its first line. */
    record Chunk(byte[] bytes, int lines, long firstLine) {
        /**
         * The chunk cut in two at the line end nearest its middle, for a server that refused it as
         * too large; null when it holds a single line.
         */
        Chunk[] halves() {
            if (lines < 2) {
                return null;
            }
            int middle = bytes.length / 2;
            int cut = -1;
            for (int d = 0; d < bytes.length && cut < 0; d++) {
                if (middle + d < bytes.length - 1 && bytes[middle + d] == '\n') {
                    cut = middle + d + 1;
                } else if (middle - d >= 0 && middle - d < bytes.length - 1 && bytes[middle - d] == '\n') {
                    cut = middle - d + 1;
                }
            }
            byte[] first = Arrays.copyOfRange(bytes, 0, cut);
            int firstLines = count(first, first.length);
            return new Chunk[] {
                new Chunk(first, firstLines, firstLine),
                new Chunk(Arrays.copyOfRange(bytes, cut, bytes.length), lines - firstLines, firstLine + firstLines)
            };
        }
    }

    private final InputStream in;
    private final int chunkBytes;
    private byte[] buffer;
    private int filled;
    private boolean eof;
    private long nextLine = 1;

    LineChunks(InputStream in, int chunkBytes) {
        this.in = in;
        this.chunkBytes = chunkBytes;
        this.buffer = new byte[chunkBytes];
    }

    /** The next chunk, or null at the end of the stream. */
    Chunk next() throws IOException {
        fill();
        if (filled == 0) {
            return null;
        }
        int end = lastLineEnd();
        while (end < 0 && !eof) {
            // One line longer than a chunk: read on to its end.
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
            fill();
            end = lastLineEnd();
        }
        byte[] bytes;
        if (end < 0) {
            bytes = Arrays.copyOf(buffer, filled + 1);
            bytes[filled] = '\n';
            filled = 0;
        } else {
            bytes = Arrays.copyOf(buffer, end + 1);
            System.arraycopy(buffer, end + 1, buffer, 0, filled - end - 1);
            filled -= end + 1;
        }
        int lines = count(bytes, bytes.length);
        Chunk chunk = new Chunk(bytes, lines, nextLine);
        nextLine += lines;
        if (buffer.length > chunkBytes && filled <= chunkBytes) {
            buffer = Arrays.copyOf(buffer, Math.max(chunkBytes, filled));
        }
        return chunk;
    }

    private void fill() throws IOException {
        while (!eof && filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
    }

    private int lastLineEnd() {
        for (int i = filled - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int count(byte[] bytes, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
