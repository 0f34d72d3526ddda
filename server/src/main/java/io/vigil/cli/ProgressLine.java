package io.vigil.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: bar, percent, lines, bytes, rate and time left, redrawn in
 * place at most five times a second. Elsewhere (a log file, CI) a plain line every ten seconds
 * instead, so that logs stay readable. Progress is measured in bytes of the files as stored (of a
 * .gz file, its compressed bytes), which is what the total is known in. Not thread-safe.
 *
 * <p>Our own rather than {@code me.tongfei:progressbar}: that library brings JLine for the terminal
 * width and shows one unit; this needs two units (lines and bytes) and a quiet mode for logs, in one small class.
 */
final class ProgressLine {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final long intervalNanos;
    private long lastDraw;
    private boolean drawn;

    /**
     * @param terminal redraw in place; otherwise print a line now and then
     * @param totalBytes the size of all input, for percent and time left
     */
    ProgressLine(PrintWriter out, boolean terminal, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.totalBytes = Math.max(1, totalBytes);
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
        this.lastDraw = start;
    }

    /** Shows the progress if it is time to. */
    void update(long lines, long bytes) {
        long now = System.nanoTime();
        if (now - lastDraw >= intervalNanos) {
            lastDraw = now;
            draw(lines, bytes, now);
        }
    }

    /** Shows the final state and ends the line. */
    void finish(long lines, long bytes) {
        if (terminal || drawn) {
            draw(lines, bytes, System.nanoTime());
        }
        if (terminal) {
            out.println();
            out.flush();
        }
    }

    private void draw(long lines, long bytes, long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double fraction = Math.min(1.0, (double) bytes / totalBytes);
        double rate = bytes / seconds;
        long left = rate > 0 ? (long) ((totalBytes - bytes) / rate) : -1;
        int full = (int) Math.round(fraction * WIDTH);
        String bar = "[" + "=".repeat(full) + (full < WIDTH ? ">" + " ".repeat(WIDTH - full - 1) : "") + "]";
        String text = String.format(Locale.ROOT, "%s %3.0f%%  %,d lines  %s  %s/s  %,.0f lines/s  ETA %s",
                bar, fraction * 100, lines, size(bytes), size((long) rate), lines / seconds, clock(left));
        if (terminal) {
            out.print("\r" + text + "  ");
        } else {
            out.println(text);
        }
        out.flush();
        drawn = true;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    private static String clock(long seconds) {
        if (seconds < 0) {
            return "--:--";
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
