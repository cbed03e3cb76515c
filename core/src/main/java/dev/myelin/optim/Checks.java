package dev.myelin.optim;

import java.util.Collection;
import java.util.Objects;

/** Validation of hyper-parameters, with messages that name the offending value. */
final class Checks {
    private Checks() {
    }

    /** {@code value}, if it is a finite number at least 0. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** {@code value}, if it is a finite number above 0, as a denominator's guard term must be. */
    static double positive(String name, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** {@code elements}, if neither it nor any element is null; else a NullPointerException naming the first null. */
    static <T, C extends Collection<T>> C noNulls(String name, C elements) {
        Objects.requireNonNull(elements, name);
        int i = 0;
        for (T element : elements) {
            if (element == null) {
                throw new NullPointerException(name + "[" + i + "] is null");
            }
            i++;
        }
        return elements;
    }

    /** {@code value}, if it lies in [0, 1), as Adam's betas must. */
    static double unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value}, if it is at least 1. */
    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}
