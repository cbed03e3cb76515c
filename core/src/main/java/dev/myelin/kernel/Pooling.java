package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import java.util.Arrays;

/**
 * Max and average pooling over {@code planes} independent {@code height x width} planes (a batch of
 * {@code (N, C, H, W)} images is {@code N*C} planes), forward and backward. Outputs are
 * {@code planes x outHeight x outWidth}, row-major. Every method overwrites its output.
 *
 * <p>Max pooling treats padding as minus infinity and takes its output size from the {@link Window2d}
 * (floor mode). Average pooling treats padding as zeros; its {@link AvgPoolWindow} says how many outputs
 * there are (PyTorch's {@code ceil_mode}) and what each window divides by ({@code count_include_pad},
 * {@code divisor_override}). {@code PoolingReference} (in the tests) is the scalar oracle. Planes are
 * independent, so every method splits its work over planes.
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * Max of each window, and in {@code argmax} the index within its input plane ({@code ih*width + iw})
     * of the value chosen. Like PyTorch, the first maximum in row-major window order wins a tie, a NaN
     * wins over any number, and a window of only minus infinities picks its first element. A window
     * lying entirely in the padding (possible only with dilation) gives minus infinity and index -1.
     */
    public static void maxPoolForward(int planes, Window2d window, float[] x, int xOff, float[] y, int yOff,
            int[] argmax, int argmaxOff) {
        Parallel.forRange(planes, p -> maxPoolOnePlane(p, window, x, xOff, y, yOff, argmax, argmaxOff));
    }

    /** Plane {@code p} of {@link #maxPoolForward}, on the calling thread; {@code argmax} may be null when no backward will follow. */
    static void maxPoolOnePlane(int p, Window2d window, float[] x, int xOff, float[] y, int yOff,
            int[] argmax, int argmaxOff) {
        if (isPlainTwoByTwo(window)) {
            maxPool2x2Plane(p, window, x, xOff, y, yOff, argmax, argmaxOff);
        } else {
            maxPoolPlane(p, window, x, xOff, y, yOff, argmax, argmaxOff);
        }
    }

    private static void maxPoolPlane(int p, Window2d window, float[] x, int xOff, float[] y, int yOff,
            int[] argmax, int argmaxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int out = p * outH * outW;
        int plane = xOff + p * window.planeSize();
        int[] taps = new int[window.kernelSize()];
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestIndex = -1;
                for (int t = 0, count = window.tapsInside(oh, ow, taps); t < count; t++) {
                    float v = x[plane + taps[t]];
                    if (bestIndex < 0 || v > best || Float.isNaN(v)) {
                        best = v;
                        bestIndex = taps[t];
                    }
                }
                y[yOff + out] = best;
                if (argmax != null) {
                    argmax[argmaxOff + out] = bestIndex;
                }
                out++;
            }
        }
    }

    /** Scatters each output gradient to the input element its window chose; overlapping windows add up. */
    public static void maxPoolBackward(int planes, Window2d window, float[] gy, int gyOff, int[] argmax, int argmaxOff,
            float[] dx, int dxOff) {
        maxPoolReluBackward(planes, window, gy, gyOff, null, 0, argmax, argmaxOff, dx, dxOff);
    }

    /**
     * The backward of ReLU then max-pool (or, the same, max-pool then ReLU) in one pass: as
     * {@link #maxPoolBackward}, with each output's gradient passed only where the pooled output
     * {@code y} is positive (ReLU's derivative, taken as 0 at 0 like PyTorch). {@code y} null means no
     * ReLU.
     */
    public static void maxPoolReluBackward(int planes, Window2d window, float[] gy, int gyOff, float[] y, int yOff,
            int[] argmax, int argmaxOff, float[] dx, int dxOff) {
        Parallel.forRange(planes, p -> maxPoolReluBackwardPlane(p, window, gy, gyOff, y, yOff, argmax, argmaxOff, dx,
                dxOff + p * window.planeSize()));
    }

    /**
     * Plane {@code p} of {@link #maxPoolReluBackward}, written to {@code dx[planeOff..]} on the calling
     * thread: how a caller that needs one plane of the input gradient at a time gets it without the
     * whole batch's (the weight gradient of a convolution block's short-patch layer).
     */
    public static void maxPoolReluBackwardPlane(int p, Window2d window, float[] gy, int gyOff, float[] y, int yOff,
            int[] argmax, int argmaxOff, float[] dx, int planeOff) {
        if (isPlainTwoByTwo(window) && VectorSupport.AVAILABLE) {
            VectorPooling.maxPool2x2BackwardPlane(p, window, gy, gyOff, y, yOff, argmax, argmaxOff, dx, planeOff);
            return;
        }
        int outPlane = window.outPlaneSize();
        Arrays.fill(dx, planeOff, planeOff + window.planeSize(), 0f);
        for (int l = 0; l < outPlane; l++) {
            int out = p * outPlane + l;
            int index = argmax[argmaxOff + out];
            if (index >= 0 && (y == null || y[yOff + out] > 0f)) {
                dx[planeOff + index] += gy[gyOff + out];
            }
        }
    }

    /** Kernel 2x2, stride 2, no padding or dilation: the pooling of nearly every CNN, worth its own loop. */
    private static boolean isPlainTwoByTwo(Window2d w) {
        return w.kernelH() == 2 && w.kernelW() == 2 && w.strideH() == 2 && w.strideW() == 2
                && w.padH() == 0 && w.padW() == 0 && w.dilationH() == 1 && w.dilationW() == 1;
    }

    /** The 2x2 case of {@link #maxPoolPlane}, with the same tie and NaN rules, without per-tap bounds checks, row by row on vectors when it can. */
    private static void maxPool2x2Plane(int p, Window2d window, float[] x, int xOff, float[] y, int yOff,
            int[] argmax, int argmaxOff) {
        int width = window.width();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int plane = xOff + p * window.planeSize();
        int out = p * outH * outW;
        for (int oh = 0; oh < outH; oh++, out += outW) {
            if (VectorSupport.AVAILABLE) {
                VectorPooling.maxPool2x2Row(x, plane, 2 * oh * width, width, outW, y, yOff + out, argmax, argmaxOff + out);
            } else {
                maxPool2x2Outputs(x, plane, 2 * oh * width, width, outW, y, yOff + out, argmax, argmaxOff + out);
            }
        }
    }

    /**
     * {@code n} consecutive 2x2 outputs of one row, the first window's top-left at plane index
     * {@code first}: the scalar twin of {@link VectorPooling}, and its fallback for blocks with a NaN.
     */
    static void maxPool2x2Outputs(float[] x, int plane, int first, int width, int n, float[] y, int yAt, int[] argmax,
            int argmaxAt) {
        for (int k = 0; k < n; k++) {
            int index = first + 2 * k;
            float a = x[plane + index];
            float b = x[plane + index + 1];
            float c = x[plane + index + width];
            float d = x[plane + index + width + 1];
            float best;
            int bestIndex;
            if (Float.isNaN(a + b + c + d)) { // a NaN (or inf - inf): the general rule, rarely taken
                best = a;
                bestIndex = index;
                if (b > best || Float.isNaN(b)) {
                    best = b;
                    bestIndex = index + 1;
                }
                if (c > best || Float.isNaN(c)) {
                    best = c;
                    bestIndex = index + width;
                }
                if (d > best || Float.isNaN(d)) {
                    best = d;
                    bestIndex = index + width + 1;
                }
            } else {
                // A tournament with integer selects, which compile to conditional moves (float selects
                // on x86 become branches, and these mispredict half the time on real activations).
                // Strict '>' and the pair order keep the first maximum in window order.
                int left = b > a ? index + 1 : index;
                int right = d > c ? index + width + 1 : index + width;
                bestIndex = x[plane + right] > x[plane + left] ? right : left;
                best = x[plane + bestIndex];
            }
            y[yAt + k] = best;
            if (argmax != null) {
                argmax[argmaxAt + k] = bestIndex;
            }
        }
    }

    /**
     * The mean of each window: the sum of its input elements divided by its divisor ({@link AvgPoolWindow}).
     * PyTorch's default pool (floor mode, padding counted, no override) divides every window by
     * {@code kernelH*kernelW} and takes the plain loop; the other options take the one with a divisor per window.
     */
    public static void avgPoolForward(int planes, AvgPoolWindow pool, float[] x, int xOff, float[] y, int yOff) {
        if (pool.dividesByKernelSize()) {
            avgPoolForward(planes, pool.window(), x, xOff, y, yOff);
        } else {
            avgPoolForwardDivisors(planes, pool, x, xOff, y, yOff);
        }
    }

    /** Spreads each output gradient, divided by its window's divisor, over the input elements of its window. */
    public static void avgPoolBackward(int planes, AvgPoolWindow pool, float[] gy, int gyOff, float[] dx, int dxOff) {
        if (pool.dividesByKernelSize()) {
            avgPoolBackward(planes, pool.window(), gy, gyOff, dx, dxOff);
        } else {
            avgPoolBackwardDivisors(planes, pool, gy, gyOff, dx, dxOff);
        }
    }

    /** Sum of the input elements in each window divided by {@code kernelH*kernelW}: the default pool. */
    private static void avgPoolForward(int planes, Window2d window, float[] x, int xOff, float[] y, int yOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        float divisor = window.kernelSize();
        Parallel.forRange(planes, p -> {
            int out = yOff + p * outH * outW;
            int plane = xOff + p * window.planeSize();
            int[] taps = new int[window.kernelSize()];
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float sum = 0f;
                    for (int t = 0, count = window.tapsInside(oh, ow, taps); t < count; t++) {
                        sum += x[plane + taps[t]];
                    }
                    y[out++] = sum / divisor;
                }
            }
        });
    }

    /** Spreads each output gradient, divided by {@code kernelH*kernelW}, over the input elements of its window. */
    private static void avgPoolBackward(int planes, Window2d window, float[] gy, int gyOff, float[] dx, int dxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        float divisor = window.kernelSize();
        Parallel.forRange(planes, p -> {
            int out = gyOff + p * outH * outW;
            int plane = dxOff + p * window.planeSize();
            Arrays.fill(dx, plane, plane + window.planeSize(), 0f);
            int[] taps = new int[window.kernelSize()];
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float share = gy[out++] / divisor;
                    for (int t = 0, count = window.tapsInside(oh, ow, taps); t < count; t++) {
                        dx[plane + taps[t]] += share;
                    }
                }
            }
        });
    }

    /**
     * The forward pass with a divisor per window (ceil mode, padding not counted, or an override). The
     * output size is the pool's, not the window's: ceil mode adds windows that {@link Window2d#tapsInside}
     * clips at the input's edge like any other.
     */
    private static void avgPoolForwardDivisors(int planes, AvgPoolWindow pool, float[] x, int xOff, float[] y, int yOff) {
        Window2d window = pool.window();
        int outH = pool.outHeight();
        int outW = pool.outWidth();
        int[] rows = pool.rowCounts();
        int[] columns = pool.columnCounts();
        int override = pool.divisorOverride();
        Parallel.forRange(planes, p -> {
            int out = yOff + p * outH * outW;
            int plane = xOff + p * window.planeSize();
            int[] taps = new int[window.kernelSize()];
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    int divisor = override > 0 ? override : rows[oh] * columns[ow];
                    float sum = 0f;
                    for (int t = 0, count = window.tapsInside(oh, ow, taps); t < count; t++) {
                        sum += x[plane + taps[t]];
                    }
                    y[out++] = divisor == 0 ? 0f : sum / divisor;
                }
            }
        });
    }

    /** The backward pass of {@link #avgPoolForwardDivisors}. */
    private static void avgPoolBackwardDivisors(int planes, AvgPoolWindow pool, float[] gy, int gyOff, float[] dx,
            int dxOff) {
        Window2d window = pool.window();
        int outH = pool.outHeight();
        int outW = pool.outWidth();
        int[] rows = pool.rowCounts();
        int[] columns = pool.columnCounts();
        int override = pool.divisorOverride();
        Parallel.forRange(planes, p -> {
            int out = gyOff + p * outH * outW;
            int plane = dxOff + p * window.planeSize();
            Arrays.fill(dx, plane, plane + window.planeSize(), 0f);
            int[] taps = new int[window.kernelSize()];
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    int divisor = override > 0 ? override : rows[oh] * columns[ow];
                    float g = gy[out++];
                    if (divisor == 0) {
                        continue; // a window of padding only: it output 0, whatever the input
                    }
                    float share = g / divisor;
                    for (int t = 0, count = window.tapsInside(oh, ow, taps); t < count; t++) {
                        dx[plane + taps[t]] += share;
                    }
                }
            }
        });
    }
}
