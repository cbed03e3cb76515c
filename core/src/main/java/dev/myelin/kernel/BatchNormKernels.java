package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import java.util.function.IntConsumer;

/**
 * The loops of batch normalisation over a row-major {@code (n, c, s)} layout ({@link ChannelLayout}):
 * {@code n} samples, {@code c} channels and {@code s} positions per channel (the product of the trailing
 * dimensions, 1 for an {@code (N, C)} input). Every statistic is per channel, over the {@code m = n·s}
 * values of that channel.
 *
 * <p>Sums accumulate in double. Each channel is computed start to finish by one thread in the same
 * order, so results do not depend on the thread count. {@code BatchNormReference} (in the tests) is the plain
 * version, one gathered channel at a time, that tests hold these to.
 */
public final class BatchNormKernels {
    /** Below this many elements a pass takes a few microseconds, less than handing it to other threads. */
    private static final int PARALLEL_MIN_SIZE = 1 << 15;

    private BatchNormKernels() {
    }

    /**
     * Per-channel mean and biased variance {@code Σ(x - mean)² / m}, by two passes (the mean first,
     * then squared deviations from it, which does not cancel catastrophically as {@code E[x²] - E[x]²} can).
     *
     * @param x      the input, {@code (n, c, s)} from {@code xOff}
     * @param xOff   index in {@code x} of its first element
     * @param layout {@code (n, c, s)}
     * @param mean   receives each channel's mean, {@code c} long
     * @param var    receives each channel's biased variance, {@code c} long
     */
    public static void meanAndVariance(float[] x, int xOff, ChannelLayout layout, double[] mean, double[] var) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        double m = (double) n * s;
        forEachChannel(n, c, s, ch -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int at = xOff + (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    sum += x[at + j];
                }
            }
            double mu = sum / m;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                int at = xOff + (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    double d = x[at + j] - mu;
                    squares += d * d;
                }
            }
            mean[ch] = mu;
            var[ch] = squares / m;
        });
    }

    /**
     * {@code out = (x - mean[ch]) · scale[ch] + shift[ch]}, each element in double and rounded once.
     *
     * @param x      the input, {@code (n, c, s)} from {@code xOff}
     * @param xOff   index in {@code x} of its first element
     * @param layout {@code (n, c, s)}
     * @param mean   each channel's mean, {@code c} long
     * @param scale  each channel's factor, {@code weight / sqrt(var + eps)}
     * @param shift  each channel's bias (0 without affine)
     * @param out    receives the output, same layout, from {@code outOff}; every element is written
     * @param outOff index in {@code out} of its first element
     */
    public static void normalize(float[] x, int xOff, ChannelLayout layout, double[] mean, double[] scale,
            double[] shift, float[] out, int outOff) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        forEachChannel(n, c, s, ch -> {
            double mu = mean[ch];
            double a = scale[ch];
            double b = shift[ch];
            for (int i = 0; i < n; i++) {
                int rel = (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    out[outOff + rel + j] = (float) ((x[xOff + rel + j] - mu) * a + b);
                }
            }
        });
    }

    /**
     * Per-channel {@code sumG = Σ g} and {@code sumGCentered = Σ g · (x - mean)}, the two reductions of the
     * backward pass.
     *
     * @param g            the output's gradient, {@code (n, c, s)} from {@code gOff}
     * @param gOff         index in {@code g} of its first element
     * @param x            the input, same layout, from {@code xOff}
     * @param xOff         index in {@code x} of its first element
     * @param layout       {@code (n, c, s)}
     * @param mean         each channel's mean, {@code c} long
     * @param sumG         receives {@code Σ g} per channel
     * @param sumGCentered receives {@code Σ g · (x - mean)} per channel
     */
    public static void gradientSums(float[] g, int gOff, float[] x, int xOff, ChannelLayout layout, double[] mean,
            double[] sumG, double[] sumGCentered) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        forEachChannel(n, c, s, ch -> {
            double mu = mean[ch];
            double sg = 0;
            double sgx = 0;
            for (int i = 0; i < n; i++) {
                int rel = (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    double gv = g[gOff + rel + j];
                    sg += gv;
                    sgx += gv * (x[xOff + rel + j] - mu);
                }
            }
            sumG[ch] = sg;
            sumGCentered[ch] = sgx;
        });
    }

    /**
     * The input gradient {@code out = scale[ch] · (g - gShift[ch] - (x - mean[ch]) · xSlope[ch])}. In training
     * this is the closed form {@code dx = w·σ⁻¹ (g - Σg/m - x̂ Σ(g x̂)/m)} (with {@code xSlope = σ⁻² Σ g(x - mean) / m});
     * in evaluation the statistics are constants and {@code gShift = xSlope = 0}.
     *
     * @param g      the output's gradient, {@code (n, c, s)} from {@code gOff}
     * @param gOff   index in {@code g} of its first element
     * @param x      the input batch norm normalised, same layout, from {@code xOff}
     * @param xOff   index in {@code x} of its first element
     * @param layout {@code (n, c, s)}
     * @param terms  the per-channel {@code mean}, {@code scale}, {@code gShift} and {@code xSlope}
     * @param out    receives the input's gradient, same layout, from {@code outOff}; every element is written
     * @param outOff index in {@code out} of its first element
     */
    public static void inputGradient(float[] g, int gOff, float[] x, int xOff, ChannelLayout layout,
            BatchNormGradientTerms terms, float[] out, int outOff) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        double[] mean = terms.mean(), scale = terms.scale(), gShift = terms.gShift(), xSlope = terms.xSlope();
        forEachChannel(n, c, s, ch -> {
            double mu = mean[ch];
            double a = scale[ch];
            double b = gShift[ch];
            double k = xSlope[ch];
            for (int i = 0; i < n; i++) {
                int rel = (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    out[outOff + rel + j] = (float) (a * (g[gOff + rel + j] - b - (x[xOff + rel + j] - mu) * k));
                }
            }
        });
    }

    private static void forEachChannel(int n, int c, int s, IntConsumer body) {
        if ((long) n * c * s < PARALLEL_MIN_SIZE) {
            for (int ch = 0; ch < c; ch++) {
                body.accept(ch);
            }
        } else {
            Parallel.forRange(c, body);
        }
    }
}
