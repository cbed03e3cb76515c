package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The plain scalar twin of {@link Pooling}, with the same signatures, built differently so that the
 * two can catch each other's mistakes: the forward passes copy each plane into an explicitly padded
 * plane (minus infinity for max, zeros for average) and read every window tap without bounds checks;
 * the backward passes gather, for each input element, the gradients of all outputs that used it,
 * instead of scattering. For average pooling's options the output size comes from walking the windows
 * ({@link #outSize}) and each divisor from counting the window's taps one by one ({@link #divisor}).
 */
public final class PoolingReference {
    private PoolingReference() {
    }

    /** Same contract as {@link Pooling#maxPoolForward}. */
    public static void maxPoolForward(int planes, Window2d window, float[] x, int xOff, float[] y, int yOff,
            int[] argmax, int argmaxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int paddedW = window.width() + 2 * window.padW();
        for (int p = 0; p < planes; p++) {
            float[] padded = padded(window, x, xOff + p * window.planeSize(), Float.NEGATIVE_INFINITY);
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            int ph = oh * window.strideH() + kh * window.dilationH();
                            int pw = ow * window.strideW() + kw * window.dilationW();
                            float v = padded[ph * paddedW + pw];
                            boolean inside = ph >= window.padH() && ph < window.padH() + window.height()
                                    && pw >= window.padW() && pw < window.padW() + window.width();
                            if (v > best || Float.isNaN(v) || (bestIndex < 0 && inside)) {
                                best = v;
                                bestIndex = (ph - window.padH()) * window.width() + (pw - window.padW());
                            }
                        }
                    }
                    int out = (p * outH + oh) * outW + ow;
                    y[yOff + out] = best;
                    argmax[argmaxOff + out] = bestIndex;
                }
            }
        }
    }

    /** Same contract as {@link Pooling#maxPoolBackward}. */
    public static void maxPoolBackward(int planes, Window2d window, float[] gy, int gyOff, int[] argmax, int argmaxOff,
            float[] dx, int dxOff) {
        int outPlane = window.outPlaneSize();
        for (int p = 0; p < planes; p++) {
            for (int index = 0; index < window.planeSize(); index++) {
                float sum = 0f;
                for (int l = 0; l < outPlane; l++) {
                    int out = p * outPlane + l;
                    if (argmax[argmaxOff + out] == index) {
                        sum += gy[gyOff + out];
                    }
                }
                dx[dxOff + p * window.planeSize() + index] = sum;
            }
        }
    }

    /**
     * Same contract as {@link Pooling#avgPoolForward}, with its own output size ({@link #outSize}) and
     * divisors counted tap by tap over the whole window ({@link #divisor}), where the kernel multiplies
     * a count per row by a count per column.
     */
    public static void avgPoolForward(int planes, AvgPoolWindow pool, float[] x, int xOff, float[] y, int yOff) {
        Window2d window = pool.window();
        int outH = outHeight(pool);
        int outW = outWidth(pool);
        // Zeros past the far edge too: ceil mode's last windows may run beyond the padded input.
        int paddedH = Math.max(window.height() + 2 * window.padH(),
                (outH - 1) * window.strideH() + (window.kernelH() - 1) * window.dilationH() + 1);
        int paddedW = Math.max(window.width() + 2 * window.padW(),
                (outW - 1) * window.strideW() + (window.kernelW() - 1) * window.dilationW() + 1);
        for (int p = 0; p < planes; p++) {
            float[] padded = padded(window, x, xOff + p * window.planeSize(), 0f, paddedH, paddedW);
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float sum = 0f;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            sum += padded[(oh * window.strideH() + kh * window.dilationH()) * paddedW
                                    + ow * window.strideW() + kw * window.dilationW()];
                        }
                    }
                    int divisor = divisor(pool, oh, ow);
                    y[yOff + (p * outH + oh) * outW + ow] = divisor == 0 ? 0f : sum / divisor;
                }
            }
        }
    }

    /** Same contract as {@link Pooling#avgPoolBackward}: for each input element, the shares of the windows covering it. */
    public static void avgPoolBackward(int planes, AvgPoolWindow pool, float[] gy, int gyOff, float[] dx, int dxOff) {
        Window2d window = pool.window();
        int outH = outHeight(pool);
        int outW = outWidth(pool);
        for (int p = 0; p < planes; p++) {
            for (int ih = 0; ih < window.height(); ih++) {
                for (int iw = 0; iw < window.width(); iw++) {
                    float sum = 0f;
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            int divisor = divisor(pool, oh, ow);
                            if (divisor > 0
                                    && covers(ih + window.padH() - oh * window.strideH(), window.dilationH(), window.kernelH())
                                    && covers(iw + window.padW() - ow * window.strideW(), window.dilationW(),
                                            window.kernelW())) {
                                sum += gy[gyOff + (p * outH + oh) * outW + ow] / divisor;
                            }
                        }
                    }
                    dx[dxOff + (p * window.height() + ih) * window.width() + iw] = sum;
                }
            }
        }
    }

    /** Output rows of {@code pool}, by {@link #outSize}. */
    public static int outHeight(AvgPoolWindow pool) {
        Window2d w = pool.window();
        return outSize(w.height(), w.kernelH(), w.strideH(), w.padH(), w.dilationH(), pool.ceilMode());
    }

    /** Output columns of {@code pool}, by {@link #outSize}. */
    public static int outWidth(AvgPoolWindow pool) {
        Window2d w = pool.window();
        return outSize(w.width(), w.kernelW(), w.strideW(), w.padW(), w.dilationW(), pool.ceilMode());
    }

    /**
     * PyTorch's output size found by walking the windows instead of by formula. In padded coordinates
     * the input spans {@code [0, size + 2*pad)} and window {@code o} starts at {@code o*stride} and spans
     * {@code dilation*(kernel-1) + 1}. Floor mode keeps the windows that end inside. Ceil mode keeps
     * every window that starts less than a stride after the last start that would fit (the first window
     * always, when it starts less than a stride before that), and drops any that would start at or past
     * {@code size + pad}, in the right padding.
     */
    public static int outSize(int size, int kernel, int stride, int pad, int dilation, boolean ceilMode) {
        int padded = size + 2 * pad;
        int span = dilation * (kernel - 1) + 1;
        int lastFittingStart = padded - span; // may be negative: no window fits
        int count = 0;
        for (int start = 0; ; start += stride) {
            boolean kept = ceilMode ? start < lastFittingStart + stride && start < size + pad
                    : start <= lastFittingStart;
            if (!kept) {
                return count;
            }
            count++;
        }
    }

    /**
     * The divisor of window {@code (oh, ow)}: the override if set; otherwise the taps of the whole
     * window, one by one, that land in the padded input ({@code countIncludePad}) or in the input.
     */
    static int divisor(AvgPoolWindow pool, int oh, int ow) {
        if (pool.divisorOverride() > 0) {
            return pool.divisorOverride();
        }
        Window2d w = pool.window();
        int extraH = pool.countIncludePad() ? w.padH() : 0;
        int extraW = pool.countIncludePad() ? w.padW() : 0;
        int count = 0;
        for (int kh = 0; kh < w.kernelH(); kh++) {
            for (int kw = 0; kw < w.kernelW(); kw++) {
                int ih = oh * w.strideH() - w.padH() + kh * w.dilationH();
                int iw = ow * w.strideW() - w.padW() + kw * w.dilationW();
                if (ih >= -extraH && ih < w.height() + extraH && iw >= -extraW && iw < w.width() + extraW) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether some tap {@code k} in {@code [0, kernel)} lies {@code k*dilation == distance} past the window's start. */
    private static boolean covers(int distance, int dilation, int kernel) {
        return distance >= 0 && distance % dilation == 0 && distance / dilation < kernel;
    }

    /** A copy of one plane surrounded by {@code padH} rows and {@code padW} columns of {@code fill}. */
    private static float[] padded(Window2d window, float[] x, int planeOff, float fill) {
        return padded(window, x, planeOff, fill, window.height() + 2 * window.padH(), window.width() + 2 * window.padW());
    }

    /** A {@code paddedH x paddedW} plane of {@code fill} holding one plane of {@code x} from row {@code padH}, column {@code padW}. */
    private static float[] padded(Window2d window, float[] x, int planeOff, float fill, int paddedH, int paddedW) {
        float[] out = new float[paddedH * paddedW];
        Arrays.fill(out, fill);
        for (int ih = 0; ih < window.height(); ih++) {
            System.arraycopy(x, planeOff + ih * window.width(), out, (ih + window.padH()) * paddedW + window.padW(),
                    window.width());
        }
        return out;
    }
}
