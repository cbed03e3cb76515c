package dev.myelin.benchmarks;

import dev.myelin.kernel.CacheSizes;
import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Matrix;
import dev.myelin.kernel.GemmBlocking;
import dev.myelin.parallel.Parallel;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the median single-call GFLOP/s of Myelin's SGEMM for each shape given as {@code MxKxN},
 * one line {@code MxKxN GFLOPS} each, after a comment line naming the caches and the blocking: the Java half of {@code benchmarks/gemm-vs-openblas}, which
 * times numpy/OpenBLAS the same way in {@code python/gemm_openblas.py}.
 *
 * <p>Usage: {@code GemmThroughput [--threads N] [--seconds S] SHAPE...}. Every shape is warmed up
 * first (all kernel paths compiled before any timing), then timed for about S seconds.
 */
public final class GemmThroughput {
    private GemmThroughput() {
    }

    public static void main(String[] args) {
        int threads = 1;
        double seconds = 1.0;
        int first = 0;
        while (first < args.length && args[first].startsWith("--")) {
            switch (args[first]) {
                case "--threads" -> threads = Integer.parseInt(args[first + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[first + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
            first += 2;
        }
        Parallel.setThreads(threads);
        System.out.println("# " + CacheSizes.detected() + "; blocking kc " + GemmBlocking.detected().kc()
                + ", nc " + GemmBlocking.detected().nc());
        String[] shapes = Arrays.copyOfRange(args, first, args.length);
        for (String shape : shapes) {
            run(shape, 0.5); // warm-up of every shape before any measurement
        }
        for (String shape : shapes) {
            System.out.printf(Locale.ROOT, "%s %.2f%n", shape, run(shape, seconds));
        }
    }

    /** Median GFLOP/s over calls made during about {@code seconds}. */
    static double run(String shape, double seconds) {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]);
        int k = Integer.parseInt(p[1]);
        int n = Integer.parseInt(p[2]);
        SplittableRandom r = new SplittableRandom(42);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        double[] rates = new double[100_000];
        int count = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            Gemm.sgemm(m, n, k, Matrix.of(a, 0, k), Matrix.of(b, 0, n), Matrix.of(c, 0, n), false);
            rates[count++] = 2.0 * m * n * k / (System.nanoTime() - t0);
        } while ((System.nanoTime() < end || count < 5) && count < rates.length);
        double[] sorted = Arrays.copyOf(rates, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }
}
