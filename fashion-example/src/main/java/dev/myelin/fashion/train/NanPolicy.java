package dev.myelin.fashion.train;

import java.util.Locale;

/** What {@code ./fashion train --on-nan} does with a batch whose loss or gradient is NaN or infinite. */
public enum NanPolicy {
    /** Stop training, keeping the last good checkpoint and model, and exit with a failure. */
    STOP,
    /** Skip the batch (no optimizer step), count it, and go on. */
    SKIP;

    /** The name on the command line and in files: "stop", "skip". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
