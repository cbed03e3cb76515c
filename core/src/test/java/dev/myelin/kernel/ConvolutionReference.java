package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The plain scalar twin of {@link Convolution}, with the same signatures: the direct nested loops of
 * the definition {@code y[n,o,oh,ow] = bias[o] + sum over c,kh,kw of w[o,c,kh,kw] * x[n,c,ih,iw]},
 * with {@code ih = oh*strideH - padH + kh*dilationH} (likewise {@code iw}) and taps in the padding
 * skipped, and its derivatives written as direct scatters. Tests hold the fast kernel to it.
 */
public final class ConvolutionReference {
    private ConvolutionReference() {
    }

    /** {@code y = conv(x, w) + bias}; {@code bias} may be null. */
    public static void forward(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        float sum = 0f;
                        for (int c = 0; c < channels; c++) {
                            for (int kh = 0; kh < kH; kh++) {
                                int ih = inputRow(window, oh, kh);
                                if (ih < 0 || ih >= window.height()) {
                                    continue;
                                }
                                for (int kw = 0; kw < kW; kw++) {
                                    int iw = inputColumn(window, ow, kw);
                                    if (iw < 0 || iw >= window.width()) {
                                        continue;
                                    }
                                    sum += w[wOff + ((o * channels + c) * kH + kh) * kW + kw]
                                            * x[xOff + ((n * channels + c) * window.height() + ih) * window.width() + iw];
                                }
                            }
                        }
                        if (bias != null) {
                            sum += bias[biasOff + o];
                        }
                        y[yOff + ((n * outChannels + o) * outH + oh) * outW + ow] = sum;
                    }
                }
            }
        }
    }

    /** {@code dx[n,c,ih,iw] = sum of gy[n,o,oh,ow] * w[o,c,kh,kw]} over every tap that read {@code (ih, iw)}. */
    public static void backwardInput(int batch, int channels, int outChannels, Window2d window,
            float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        Arrays.fill(dx, dxOff, dxOff + batch * channels * window.planeSize(), 0f);
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        float g = gy[gyOff + ((n * outChannels + o) * outH + oh) * outW + ow];
                        for (int c = 0; c < channels; c++) {
                            for (int kh = 0; kh < kH; kh++) {
                                for (int kw = 0; kw < kW; kw++) {
                                    int ih = inputRow(window, oh, kh);
                                    int iw = inputColumn(window, ow, kw);
                                    if (ih >= 0 && ih < window.height() && iw >= 0 && iw < window.width()) {
                                        dx[dxOff + ((n * channels + c) * window.height() + ih) * window.width() + iw] +=
                                                g * w[wOff + ((o * channels + c) * kH + kh) * kW + kw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dw[o,c,kh,kw] = sum over n,oh,ow of gy[n,o,oh,ow] * x[n,c,ih,iw]}. */
    public static void backwardWeight(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                for (int kh = 0; kh < kH; kh++) {
                    for (int kw = 0; kw < kW; kw++) {
                        float sum = 0f;
                        for (int n = 0; n < batch; n++) {
                            for (int oh = 0; oh < outH; oh++) {
                                for (int ow = 0; ow < outW; ow++) {
                                    int ih = inputRow(window, oh, kh);
                                    int iw = inputColumn(window, ow, kw);
                                    if (ih >= 0 && ih < window.height() && iw >= 0 && iw < window.width()) {
                                        sum += gy[gyOff + ((n * outChannels + o) * outH + oh) * outW + ow]
                                                * x[xOff + ((n * channels + c) * window.height() + ih) * window.width() + iw];
                                    }
                                }
                            }
                        }
                        dw[dwOff + ((o * channels + c) * kH + kh) * kW + kw] = sum;
                    }
                }
            }
        }
    }

    /** {@code db[o] = sum over n,oh,ow of gy[n,o,oh,ow]}. */
    public static void backwardBias(int batch, int outChannels, Window2d window, float[] gy, int gyOff,
            float[] db, int dbOff) {
        int outPlane = window.outPlaneSize();
        for (int o = 0; o < outChannels; o++) {
            float sum = 0f;
            for (int n = 0; n < batch; n++) {
                for (int l = 0; l < outPlane; l++) {
                    sum += gy[gyOff + (n * outChannels + o) * outPlane + l];
                }
            }
            db[dbOff + o] = sum;
        }
    }

    private static int inputRow(Window2d window, int oh, int kh) {
        return oh * window.strideH() - window.padH() + kh * window.dilationH();
    }

    private static int inputColumn(Window2d window, int ow, int kw) {
        return ow * window.strideW() - window.padW() + kw * window.dilationW();
    }
}
