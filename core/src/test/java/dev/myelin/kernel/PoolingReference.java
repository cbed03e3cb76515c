package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The plain scalar twin of {@link Pooling}, with the same signatures, built differently so that the
 * two can catch each other's mistakes: the forward passes copy each plane into an explicitly padded
 * plane (minus infinity for max, zeros for average) and read every window tap without bounds checks;
 * the backward passes gather, for each input element, the gradients of all outputs that used it,
 * instead of scattering.
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

    /** Same contract as {@link Pooling#avgPoolForward}. */
    public static void avgPoolForward(int planes, Window2d window, float[] x, int xOff, float[] y, int yOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int paddedW = window.width() + 2 * window.padW();
        for (int p = 0; p < planes; p++) {
            float[] padded = padded(window, x, xOff + p * window.planeSize(), 0f);
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float sum = 0f;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            sum += padded[(oh * window.strideH() + kh * window.dilationH()) * paddedW
                                    + ow * window.strideW() + kw * window.dilationW()];
                        }
                    }
                    y[yOff + (p * outH + oh) * outW + ow] = sum / window.kernelSize();
                }
            }
        }
    }

    /** Same contract as {@link Pooling#avgPoolBackward}. */
    public static void avgPoolBackward(int planes, Window2d window, float[] gy, int gyOff, float[] dx, int dxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        for (int p = 0; p < planes; p++) {
            for (int ih = 0; ih < window.height(); ih++) {
                for (int iw = 0; iw < window.width(); iw++) {
                    float sum = 0f;
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            if (covers(ih + window.padH() - oh * window.strideH(), window.dilationH(), window.kernelH())
                                    && covers(iw + window.padW() - ow * window.strideW(), window.dilationW(),
                                            window.kernelW())) {
                                sum += gy[gyOff + (p * outH + oh) * outW + ow] / window.kernelSize();
                            }
                        }
                    }
                    dx[dxOff + (p * window.height() + ih) * window.width() + iw] = sum;
                }
            }
        }
    }

    /** Whether some tap {@code k} in {@code [0, kernel)} lies {@code k*dilation == distance} past the window's start. */
    private static boolean covers(int distance, int dilation, int kernel) {
        return distance >= 0 && distance % dilation == 0 && distance / dilation < kernel;
    }

    /** A copy of one plane surrounded by {@code padH} rows and {@code padW} columns of {@code fill}. */
    private static float[] padded(Window2d window, float[] x, int planeOff, float fill) {
        int paddedW = window.width() + 2 * window.padW();
        float[] out = new float[(window.height() + 2 * window.padH()) * paddedW];
        Arrays.fill(out, fill);
        for (int ih = 0; ih < window.height(); ih++) {
            System.arraycopy(x, planeOff + ih * window.width(), out, (ih + window.padH()) * paddedW + window.padW(),
                    window.width());
        }
        return out;
    }
}
