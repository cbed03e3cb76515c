package dev.myelin.kernel;

import java.util.Arrays;

/**
 * Max and average pooling over {@code planes} independent {@code height x width} planes (a batch of
 * {@code (N, C, H, W)} images is {@code N*C} planes), forward and backward. Outputs are
 * {@code planes x outHeight x outWidth}, row-major. Every method overwrites its output.
 *
 * <p>Max pooling treats padding as minus infinity, average pooling as zeros that count in the divisor
 * ({@code kernelH*kernelW}, PyTorch's {@code count_include_pad=True}). {@link PoolingReference} is the
 * scalar oracle.
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
        int outH = window.outHeight();
        int outW = window.outWidth();
        int out = 0;
        for (int p = 0; p < planes; p++) {
            int plane = xOff + p * window.planeSize();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                        if (ih < 0 || ih >= window.height()) {
                            continue;
                        }
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            int iw = ow * window.strideW() - window.padW() + kw * window.dilationW();
                            if (iw < 0 || iw >= window.width()) {
                                continue;
                            }
                            int index = ih * window.width() + iw;
                            float v = x[plane + index];
                            if (bestIndex < 0 || v > best || Float.isNaN(v)) {
                                best = v;
                                bestIndex = index;
                            }
                        }
                    }
                    y[yOff + out] = best;
                    argmax[argmaxOff + out] = bestIndex;
                    out++;
                }
            }
        }
    }

    /** Scatters each output gradient to the input element its window chose; overlapping windows add up. */
    public static void maxPoolBackward(int planes, Window2d window, float[] gy, int gyOff, int[] argmax, int argmaxOff,
            float[] dx, int dxOff) {
        int outPlane = window.outPlaneSize();
        Arrays.fill(dx, dxOff, dxOff + planes * window.planeSize(), 0f);
        for (int p = 0; p < planes; p++) {
            int plane = dxOff + p * window.planeSize();
            for (int l = 0; l < outPlane; l++) {
                int out = p * outPlane + l;
                int index = argmax[argmaxOff + out];
                if (index >= 0) {
                    dx[plane + index] += gy[gyOff + out];
                }
            }
        }
    }

    /** Sum of the input elements in each window divided by {@code kernelH*kernelW}. */
    public static void avgPoolForward(int planes, Window2d window, float[] x, int xOff, float[] y, int yOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        float divisor = window.kernelSize();
        int out = yOff;
        for (int p = 0; p < planes; p++) {
            int plane = xOff + p * window.planeSize();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float sum = 0f;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                        if (ih < 0 || ih >= window.height()) {
                            continue;
                        }
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            int iw = ow * window.strideW() - window.padW() + kw * window.dilationW();
                            if (iw >= 0 && iw < window.width()) {
                                sum += x[plane + ih * window.width() + iw];
                            }
                        }
                    }
                    y[out++] = sum / divisor;
                }
            }
        }
    }

    /** Spreads each output gradient, divided by {@code kernelH*kernelW}, over the input elements of its window. */
    public static void avgPoolBackward(int planes, Window2d window, float[] gy, int gyOff, float[] dx, int dxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        float divisor = window.kernelSize();
        Arrays.fill(dx, dxOff, dxOff + planes * window.planeSize(), 0f);
        int out = gyOff;
        for (int p = 0; p < planes; p++) {
            int plane = dxOff + p * window.planeSize();
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    float share = gy[out++] / divisor;
                    for (int kh = 0; kh < window.kernelH(); kh++) {
                        int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                        if (ih < 0 || ih >= window.height()) {
                            continue;
                        }
                        for (int kw = 0; kw < window.kernelW(); kw++) {
                            int iw = ow * window.strideW() - window.padW() + kw * window.dilationW();
                            if (iw >= 0 && iw < window.width()) {
                                dx[plane + ih * window.width() + iw] += share;
                            }
                        }
                    }
                }
            }
        }
    }
}
