package dev.myelin.fashion.train;

import java.util.Locale;

/** The learning-rate schedules of {@code ./fashion train --schedule}. */
public enum ScheduleKind {
    /** A constant rate. */
    NONE,
    /** The rate divided by ten at fixed epochs. */
    STEP,
    /** Cosine annealing to zero over the run. */
    COSINE,
    /** Warm up, then anneal (Smith's one-cycle policy). */
    ONECYCLE;

    /** The name on the command line and in files: "none", "step", "cosine", "onecycle". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
