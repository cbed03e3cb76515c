package dev.myelin.kernel;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random sliding-window configurations for the kernel properties. Each spatial axis is drawn on its
 * own, so planes and kernels are non-square; a fifth of the axes are sized so that the dilated kernel
 * just fits the padded input (one output), the edge where off-by-one errors live. Axes whose output
 * would be empty are filtered out.
 */
final class Windows {
    private Windows() {
    }

    /** One axis of a window: input size, kernel size, stride, padding on each side, dilation. */
    record Axis(int size, int kernel, int stride, int pad, int dilation) {
        int out() {
            return Window2d.outSize(size, kernel, stride, pad, dilation);
        }

        /** The smallest size (at least 1) on which the dilated kernel fits the padded input. */
        static Axis justFitting(int kernel, int stride, int pad, int dilation) {
            return new Axis(Math.max(1, dilation * (kernel - 1) + 1 - 2 * pad), kernel, stride, pad, dilation);
        }
    }

    /** Convolution axes: size 1..13, kernel 1..5, stride 1..3, padding 0..2, dilation 1..3. */
    static Arbitrary<Axis> convAxis() {
        Arbitrary<Axis> any = Combinators.combine(Arbitraries.integers().between(1, 13), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 3)).as(Axis::new);
        Arbitrary<Axis> fitting = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3)).as(Axis::justFitting);
        return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(1, fitting)).filter(a -> a.out() >= 1);
    }

    /**
     * Pooling axes: size 1..13, kernel 1..5, stride 1..3, padding at most half the kernel (PyTorch's
     * rule, which the ops enforce), dilation 1..2 (the kernels support it though the ops use 1).
     */
    static Arbitrary<Axis> poolAxis() {
        return anyPoolAxis().filter(a -> a.out() >= 1);
    }

    /** {@link #poolAxis()} before its filter: some of these axes have no floor-mode output. */
    private static Arbitrary<Axis> anyPoolAxis() {
        return Arbitraries.integers().between(1, 5).flatMap(kernel -> {
            Arbitrary<Axis> any = Combinators.combine(Arbitraries.integers().between(1, 13),
                    Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, kernel / 2),
                    Arbitraries.integers().between(1, 2)).as((size, stride, pad, dilation) ->
                    new Axis(size, kernel, stride, pad, dilation));
            Arbitrary<Axis> fitting = Combinators.combine(Arbitraries.integers().between(1, 3),
                    Arbitraries.integers().between(0, kernel / 2), Arbitraries.integers().between(1, 2))
                    .as((stride, pad, dilation) -> Axis.justFitting(kernel, stride, pad, dilation));
            return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(1, fitting));
        });
    }

    /**
     * Average pools: {@link #poolAxis()}'s axes without its floor-mode filter, ceil mode and
     * {@code count_include_pad} each on or off, a divisor override one time in four; pools whose output
     * would be empty are filtered out.
     */
    static Arbitrary<AvgPool> avgPools() {
        Arbitrary<Integer> override = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 9)));
        return Combinators.combine(anyPoolAxis(), anyPoolAxis(), Arbitraries.of(false, true), Arbitraries.of(false, true),
                override).as(AvgPool::new).filter(a -> a.pool().outHeight() >= 1 && a.pool().outWidth() >= 1);
    }

    /** An average pool drawn by {@link #avgPools()}. */
    record AvgPool(Axis rows, Axis cols, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        AvgPoolWindow pool() {
            return new AvgPoolWindow(window(rows, cols), ceilMode, countIncludePad, divisorOverride);
        }
    }

    /** The window with {@code rows} along the height and {@code cols} along the width. */
    static Window2d window(Axis rows, Axis cols) {
        return new Window2d(rows.size(), cols.size(), rows.kernel(), cols.kernel(), rows.stride(), cols.stride(),
                rows.pad(), cols.pad(), rows.dilation(), cols.dilation());
    }
}
