package dev.myelin.fashion.progress;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A one-line progress display: label, percentage, bar, counts, rate, time left and any custom fields
 * (loss, accuracy, ...).
 *
 * <pre>
 * train-images-idx3-ubyte.gz  42% [############.................]  11.1/26.4 MB  5.3 MB/s  ETA 0:03
 * epoch 3/10                  67% [####################.........]  40,000/60,000 img  2,410 img/s  ETA 0:08  loss 0.3121  acc 88.9%
 * </pre>
 *
 * <p>On an interactive terminal the line is redrawn in place with a carriage return, at most ten
 * times a second. Elsewhere (a CI log, a file) it prints a plain line each time another tenth of the
 * work is done, or every ten seconds when the total is unknown, so logs stay short and readable.
 * {@link #finish()} prints the final state and ends the line. All methods are thread-safe.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    /** What is counted, which decides how counts and rates are written. */
    public record Unit(String name, boolean isBytes) {
        /** Bytes, shown in kB/MB/GB. */
        public static Unit bytes() {
            return new Unit("B", true);
        }

        /** Things counted one by one, such as {@code items("img")}. */
        public static Unit items(String name) {
            return new Unit(name, false);
        }
    }

    private final String label;
    private final long total;
    private final Unit unit;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long startNanos;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final char filled;
    private final char empty;

    private long done;
    private long lastDrawNanos;
    private int lastPlainTenth;
    private int lastLineLength;
    private boolean finished;

    /** A bar on {@code out} that redraws in place when standard output is a terminal. */
    public static ProgressBar start(String label, long total, Unit unit, PrintStream out) {
        return new ProgressBar(label, total, unit, out, Terminal.isInteractive(), System::nanoTime);
    }

    /**
     * @param total the amount of work, or 0 or less when it is unknown
     * @param interactive redraw one line with carriage returns, rather than print plain lines
     * @param clock nanoseconds, as {@link System#nanoTime()}
     */
    public ProgressBar(String label, long total, Unit unit, PrintStream out, boolean interactive, LongSupplier clock) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos;
        this.lastPlainTenth = 0;
        boolean unicode = out.charset().newEncoder().canEncode('█');
        this.filled = unicode ? '█' : '#';
        this.empty = unicode ? '░' : '.';
    }

    /** Records {@code amount} more work done. */
    public synchronized void advance(long amount) {
        update(done + amount);
    }

    /** Records that {@code done} units of work are done in all. */
    public synchronized void update(long done) {
        this.done = done;
        maybeDraw();
    }

    /** Shows {@code name value} after the time estimate; a later call with the same name replaces it. */
    public synchronized ProgressBar field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** The work done so far. */
    public synchronized long done() {
        return done;
    }

    /** Prints the final state and ends the line; later calls do nothing. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        draw(true);
    }

    @Override
    public void close() {
        finish();
    }

    private void maybeDraw() {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_NANOS) {
                lastDrawNanos = now;
                draw(false);
            }
        } else if (total > 0) {
            int tenth = (int) Math.min(10, done * 10 / total);
            if (tenth > lastPlainTenth && tenth < 10) {
                lastPlainTenth = tenth;
                draw(false);
            }
        } else if (now - lastDrawNanos >= PLAIN_INTERVAL_NANOS) {
            lastDrawNanos = now;
            draw(false);
        }
    }

    private void draw(boolean last) {
        String line = render(last);
        if (interactive) {
            // Pad with spaces to wipe the tail of a longer previous line.
            int pad = Math.max(0, lastLineLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLineLength = line.length();
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The line as it would be drawn now. */
    synchronized String render(boolean last) {
        double seconds = (clock.getAsLong() - startNanos) / 1e9;
        StringBuilder line = new StringBuilder(label);
        if (total > 0) {
            double fraction = Math.min(1, Math.max(0, (double) done / total));
            int cells = (int) Math.round(fraction * BAR_WIDTH);
            line.append(String.format(Locale.ROOT, "  %3d%% [", (int) Math.floor(fraction * 100)))
                    .append(String.valueOf(filled).repeat(cells))
                    .append(String.valueOf(empty).repeat(BAR_WIDTH - cells))
                    .append("]  ")
                    .append(counts(done, total));
        } else {
            line.append("  ").append(amount(done, unit)).append(unit.isBytes() ? "" : " " + unit.name());
        }
        double rate = seconds > 0 ? done / seconds : 0;
        if (rate > 0) {
            line.append("  ").append(amount(rate, unit)).append(unit.isBytes() ? "/s" : " " + unit.name() + "/s");
        }
        if (last || (total > 0 && done >= total)) {
            line.append("  in ").append(duration(seconds));
        } else if (total > 0 && rate > 0) {
            line.append("  ETA ").append(duration((total - done) / rate));
        }
        fields.forEach((name, value) -> line.append("  ").append(name).append(' ').append(value));
        return line.toString();
    }

    private String counts(long done, long total) {
        if (unit.isBytes()) {
            String scale = scale(total);
            return number(done, scale) + "/" + number(total, scale) + " " + scale;
        }
        return String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit.name());
    }

    private static String amount(double value, Unit unit) {
        if (unit.isBytes()) {
            String scale = scale(value);
            return number(value, scale) + " " + scale;
        }
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String scale(double bytes) {
        if (bytes >= 1e9) {
            return "GB";
        }
        if (bytes >= 1e6) {
            return "MB";
        }
        return bytes >= 1e3 ? "kB" : "B";
    }

    private static String number(double bytes, String scale) {
        return switch (scale) {
            case "GB" -> String.format(Locale.ROOT, "%.2f", bytes / 1e9);
            case "MB" -> String.format(Locale.ROOT, "%.1f", bytes / 1e6);
            case "kB" -> String.format(Locale.ROOT, "%.1f", bytes / 1e3);
            default -> String.format(Locale.ROOT, "%d", Math.round(bytes));
        };
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
