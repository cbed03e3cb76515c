package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The plain scalar twin of {@link Convolution}, with the same signatures: the direct nested loops of
 * the definition {@code y[n,o,oh,ow] = bias[o] + sum over c,kh,kw of w[o,c,kh,kw] * x[n,j*Cg+c,ih,iw]},
 * where {@code j = o / (C_out/groups)} is output channel o's group, {@code Cg = C_in/groups} the input
 * channels of a group and {@code c} runs over them, with {@code ih = oh*strideH - padH + kh*dilationH}
 * (likewise {@code iw}) and taps in the padding skipped; and its derivatives written as direct
 * scatters. With one group this is the textbook convolution. Tests hold the fast kernel to it.
 */
public final class ConvolutionReference {
    private ConvolutionReference() {
    }

    /** {@code y = conv(x, w) + bias}; {@code bias} may be null. */
    public static void forward(ConvGeometry g, Floats x, Floats w, Floats bias, Floats y) {
        Window2d window = g.window();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        int groupIn = g.groupInChannels();
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                int firstIn = group(g, o) * groupIn;
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        float sum = 0f;
                        for (int c = 0; c < groupIn; c++) {
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
                                    sum += w.get(((o * groupIn + c) * kH + kh) * kW + kw)
                                            * x.get(((n * g.inChannels() + firstIn + c) * window.height() + ih)
                                                    * window.width() + iw);
                                }
                            }
                        }
                        if (bias != null) {
                            sum += bias.get(o);
                        }
                        y.data()[y.offset() + ((n * g.outChannels() + o) * outH + oh) * outW + ow] = sum;
                    }
                }
            }
        }
    }

    /** {@code dx[n,c,ih,iw] = sum of gy[n,o,oh,ow] * w[o,c',kh,kw]} over every tap of c's group that read {@code (ih, iw)}. */
    public static void backwardInput(ConvGeometry g, Floats gy, Floats w, Floats dx) {
        Window2d window = g.window();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        int groupIn = g.groupInChannels();
        Arrays.fill(dx.data(), dx.offset(), dx.offset() + g.batch() * g.imageSize(), 0f);
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                int firstIn = group(g, o) * groupIn;
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        float grad = gy.get(((n * g.outChannels() + o) * outH + oh) * outW + ow);
                        for (int c = 0; c < groupIn; c++) {
                            for (int kh = 0; kh < kH; kh++) {
                                for (int kw = 0; kw < kW; kw++) {
                                    int ih = inputRow(window, oh, kh);
                                    int iw = inputColumn(window, ow, kw);
                                    if (ih >= 0 && ih < window.height() && iw >= 0 && iw < window.width()) {
                                        dx.data()[dx.offset() + ((n * g.inChannels() + firstIn + c) * window.height() + ih)
                                                * window.width() + iw] += grad * w.get(((o * groupIn + c) * kH + kh) * kW + kw);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dw[o,c,kh,kw] = sum over n,oh,ow of gy[n,o,oh,ow] * x[n,j*Cg+c,ih,iw]}, {@code j} being o's group. */
    public static void backwardWeight(ConvGeometry g, Floats x, Floats gy, Floats dw) {
        Window2d window = g.window();
        int outH = window.outHeight();
        int outW = window.outWidth();
        int kH = window.kernelH();
        int kW = window.kernelW();
        int groupIn = g.groupInChannels();
        for (int o = 0; o < g.outChannels(); o++) {
            int firstIn = group(g, o) * groupIn;
            for (int c = 0; c < groupIn; c++) {
                for (int kh = 0; kh < kH; kh++) {
                    for (int kw = 0; kw < kW; kw++) {
                        float sum = 0f;
                        for (int n = 0; n < g.batch(); n++) {
                            for (int oh = 0; oh < outH; oh++) {
                                for (int ow = 0; ow < outW; ow++) {
                                    int ih = inputRow(window, oh, kh);
                                    int iw = inputColumn(window, ow, kw);
                                    if (ih >= 0 && ih < window.height() && iw >= 0 && iw < window.width()) {
                                        sum += gy.get(((n * g.outChannels() + o) * outH + oh) * outW + ow)
                                                * x.get(((n * g.inChannels() + firstIn + c) * window.height() + ih)
                                                        * window.width() + iw);
                                    }
                                }
                            }
                        }
                        dw.data()[dw.offset() + ((o * groupIn + c) * kH + kh) * kW + kw] = sum;
                    }
                }
            }
        }
    }

    /** {@code db[o] = sum over n,oh,ow of gy[n,o,oh,ow]}. */
    public static void backwardBias(ConvGeometry g, Floats gy, Floats db) {
        int outPlane = g.outPlane();
        for (int o = 0; o < g.outChannels(); o++) {
            float sum = 0f;
            for (int n = 0; n < g.batch(); n++) {
                for (int l = 0; l < outPlane; l++) {
                    sum += gy.get((n * g.outChannels() + o) * outPlane + l);
                }
            }
            db.data()[db.offset() + o] = sum;
        }
    }

    /** The group of output channel {@code o}. */
    private static int group(ConvGeometry g, int o) {
        return o / g.groupOutChannels();
    }

    private static int inputRow(Window2d window, int oh, int kh) {
        return oh * window.strideH() - window.padH() + kh * window.dilationH();
    }

    private static int inputColumn(Window2d window, int ow, int kw) {
        return ow * window.strideW() - window.padW() + kw * window.dilationW();
    }
}
