package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shape;
import dev.myelin.tensor.Tensor;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The layers against naive double references. The Conv2d, pooling and Dropout tests await the merge of
 * those ops. Tolerances: outputs are sums of at most a few hundred float products of order 1, computed
 * in float; {@code atol 1e-5, rtol 1e-4} is above their rounding and far below any indexing mistake.
 */
class LayersTest {
    // ------------------------------------------------------------------ Linear

    private static Tensor naiveLinear(Tensor x, Tensor w, Tensor b) {
        int n = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(0);
        float[] y = new float[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b.get(o);
                for (int k = 0; k < in; k++) {
                    s += (double) x.get(i, k) * w.get(o, k);
                }
                y[i * out + o] = (float) s;
            }
        }
        return Tensor.of(y, n, out);
    }

    @Test
    void linearComputesXWTransposedPlusB() {
        Generator gen = new Generator(1);
        Linear fc = new Linear(7, 5, gen);
        assertEquals(Shape.of(5, 7), fc.weight().value().shape());
        assertEquals(Shape.of(5), fc.bias().value().shape());
        Tensor x = Tensor.randn(gen, 4, 7);
        NnTesting.assertClose(naiveLinear(x, fc.weight().value(), fc.bias().value()), fc.forward(x), 1e-5, 1e-4);
        Linear noBias = new Linear(7, 5, false, gen);
        NnTesting.assertClose(naiveLinear(x, noBias.weight().value(), null), noBias.forward(x), 1e-5, 1e-4);
    }

    @Test
    void linearAcceptsAVectorAndLeadingDimensions() {
        Generator gen = new Generator(2);
        Linear fc = new Linear(3, 2, gen);
        Tensor batch = Tensor.randn(gen, 2, 4, 3);
        Tensor y = fc.forward(batch);
        assertEquals(Shape.of(2, 4, 2), y.shape());
        NnTesting.assertClose(fc.forward(batch.reshape(8, 3)).reshape(2, 4, 2), y, 1e-6, 0);
        Tensor v = Tensor.randn(gen, 3);
        assertEquals(Shape.of(2), fc.forward(v).shape());
        NnTesting.assertClose(fc.forward(v.reshape(1, 3)).reshape(2), fc.forward(v), 0, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> fc.forward(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("(*, 3)") && e.getMessage().contains("[4, 5]"), e.getMessage());
    }

    @Test
    void linearGradients() {
        Generator gen = new Generator(3);
        Linear fc = new Linear(4, 3, gen);
        Tensor x = Tensor.randn(gen, 5, 4);
        NnTesting.gradCheck(() -> fc.forward(x), List.of(x, fc.weight().value(), fc.bias().value()));
    }

    // ------------------------------------------------------------------ Conv2d and pooling (await the merge)

    /** Direct convolution in double, zero padding. */
    private static Tensor naiveConv(Tensor x, Tensor w, Tensor b, int sh, int sw, int ph, int pw, int dh, int dw) {
        int n = x.dim(0);
        int cin = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int cout = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        int ow = (wd + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        float[] y = new float[n * cout * oh * ow];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < cout; o++) {
                for (int r = 0; r < oh; r++) {
                    for (int c = 0; c < ow; c++) {
                        double s = b == null ? 0 : b.get(o);
                        for (int ci = 0; ci < cin; ci++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int yy = r * sh - ph + u * dh;
                                    int xx = c * sw - pw + v * dw;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        s += (double) x.get(i, ci, yy, xx) * w.get(o, ci, u, v);
                                    }
                                }
                            }
                        }
                        y[at++] = (float) s;
                    }
                }
            }
        }
        return Tensor.of(y, n, cout, oh, ow);
    }

    @Test
    void conv2dMatchesDirectConvolution() {
        Generator gen = new Generator(4);
        Conv2d square = new Conv2d(3, 4, 3, 1, 1, gen);
        assertEquals(Shape.of(4, 3, 3, 3), square.weight().value().shape());
        Tensor x = Tensor.randn(gen, 2, 3, 6, 5);
        NnTesting.assertClose(naiveConv(x, square.weight().value(), square.bias().value(), 1, 1, 1, 1, 1, 1),
                square.forward(x), 1e-5, 1e-4);
        Conv2d rect = new Conv2d(3, 2, 2, 3, 2, 1, 1, 0, 2, 1, false, gen);
        NnTesting.assertClose(naiveConv(x, rect.weight().value(), null, 2, 1, 1, 0, 2, 1), rect.forward(x), 1e-5, 1e-4);
    }

    @Test
    void conv2dGradientsReachItsParameters() {
        Generator gen = new Generator(5);
        Conv2d conv = new Conv2d(2, 3, 3, 2, 1, gen);
        Tensor x = Tensor.randn(gen, 2, 2, 5, 5);
        NnTesting.gradCheck(() -> conv.forward(x), List.of(x, conv.weight().value(), conv.bias().value()));
    }

    /** Max or mean over each window of {@code x (N, C, H, W)}; padding is -inf for max and 0 (counted) for mean. */
    private static Tensor naivePool(Tensor x, boolean max, int kh, int kw, int sh, int sw, int ph, int pw) {
        int n = x.dim(0);
        int ch = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        float[] y = new float[n * ch * oh * ow];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                int yy = r * sh - ph + u;
                                int xx = q * sw - pw + v;
                                boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
                                double value = inside ? x.get(i, c, yy, xx) : max ? Double.NEGATIVE_INFINITY : 0;
                                acc = max ? Math.max(acc, value) : acc + value;
                            }
                        }
                        y[at++] = (float) (max ? acc : acc / (kh * kw));
                    }
                }
            }
        }
        return Tensor.of(y, n, ch, oh, ow);
    }

    @Test
    void maxPool2dMatchesNaiveReference() {
        Tensor x = Tensor.randn(new Generator(6), 2, 3, 7, 6);
        NnTesting.assertClose(naivePool(x, true, 2, 2, 2, 2, 0, 0), new MaxPool2d(2).forward(x), 0, 0);
        NnTesting.assertClose(naivePool(x, true, 3, 3, 2, 2, 1, 1), new MaxPool2d(3, 2, 1).forward(x), 0, 0);
        NnTesting.assertClose(naivePool(x, true, 3, 2, 1, 2, 1, 0), new MaxPool2d(3, 2, 1, 2, 1, 0).forward(x), 0, 0);
    }

    @Test
    void avgPool2dMatchesNaiveReference() {
        Tensor x = Tensor.randn(new Generator(7), 2, 3, 7, 6);
        NnTesting.assertClose(naivePool(x, false, 2, 2, 2, 2, 0, 0), new AvgPool2d(2).forward(x), 1e-6, 1e-5);
        NnTesting.assertClose(naivePool(x, false, 3, 3, 2, 2, 1, 1), new AvgPool2d(3, 2, 1).forward(x), 1e-6, 1e-5);
        NnTesting.assertClose(naivePool(x, false, 3, 2, 1, 2, 1, 0), new AvgPool2d(3, 2, 1, 2, 1, 0).forward(x),
                1e-6, 1e-5);
    }

    // ------------------------------------------------------------------ AdaptiveAvgPool2d

    /** PyTorch's adaptive windows: rows floor(i·H/outH) to ceil((i+1)·H/outH), averaged in double. */
    private static Tensor naiveAdaptive(Tensor x, int outH, int outW) {
        int n = x.dim(0);
        int ch = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        float[] y = new float[n * ch * outH * outW];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                for (int r = 0; r < outH; r++) {
                    for (int q = 0; q < outW; q++) {
                        int r0 = (int) Math.floor((double) r * h / outH);
                        int r1 = (int) Math.ceil((double) (r + 1) * h / outH);
                        int q0 = (int) Math.floor((double) q * w / outW);
                        int q1 = (int) Math.ceil((double) (q + 1) * w / outW);
                        double sum = 0;
                        for (int yy = r0; yy < r1; yy++) {
                            for (int xx = q0; xx < q1; xx++) {
                                sum += x.get(i, c, yy, xx);
                            }
                        }
                        y[at++] = (float) (sum / ((r1 - r0) * (q1 - q0)));
                    }
                }
            }
        }
        return Tensor.of(y, n, ch, outH, outW);
    }

    @Property(tries = 100)
    void adaptiveAvgPoolMatchesPyTorchsWindows(@ForAll @IntRange(min = 1, max = 9) int h,
            @ForAll @IntRange(min = 1, max = 9) int w, @ForAll @IntRange(min = 1, max = 5) int outH,
            @ForAll @IntRange(min = 1, max = 5) int outW, @ForAll long seed) {
        Tensor x = Tensor.randn(new Generator(seed), 2, 3, h, w);
        Tensor y = new AdaptiveAvgPool2d(outH, outW).forward(x);
        NnTesting.assertClose(naiveAdaptive(x, outH, outW), y, 1e-6, 1e-5);
        Tensor unbatched = new AdaptiveAvgPool2d(outH, outW).forward(x.reshape(6, h, w));
        NnTesting.assertClose(y.reshape(6, outH, outW), unbatched, 0, 0);
    }

    @Test
    void globalAveragePoolingIsTheSpatialMean() {
        Tensor x = Tensor.randn(new Generator(8), 3, 4, 5, 6);
        Tensor y = new AdaptiveAvgPool2d(1).forward(x);
        assertEquals(Shape.of(3, 4, 1, 1), y.shape());
        assertTrue(x.mean(new int[] {2, 3}, true).contentEquals(y));
    }

    @Test
    void adaptiveAvgPoolGradients() {
        Tensor x = Tensor.randn(new Generator(9), 2, 2, 5, 7);
        AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d(3, 2);
        NnTesting.gradCheck(() -> pool.forward(x), List.of(x));
        AdaptiveAvgPool2d global = new AdaptiveAvgPool2d(1);
        NnTesting.gradCheck(() -> global.forward(x), List.of(x));
    }

    @Test
    void adaptiveAvgPoolErrors() {
        var rank = assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(2).forward(Tensor.zeros(4, 4)));
        assertTrue(rank.getMessage().contains("(N, C, H, W)") && rank.getMessage().contains("[4, 4]"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(0, 1));
    }

    // ------------------------------------------------------------------ Flatten, activations, Identity

    @Test
    void flattenMergesTheRequestedDimensions() {
        Tensor x = Tensor.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5);
        Tensor flat = new Flatten().forward(x);
        assertEquals(Shape.of(2, 60), flat.shape());
        assertTrue(Tensor.arange(120).reshape(2, 60).contentEquals(flat));
        assertEquals(Shape.of(2, 12, 5), new Flatten(1, 2).forward(x).shape());
        assertEquals(Shape.of(6, 4, 5), new Flatten(0, -3).forward(x).shape());
        assertEquals(Shape.of(2, 3, 4, 5), new Flatten(2, 2).forward(x).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1).forward(x));
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
    }

    @Test
    void activationsApplyTheTensorFunctions() {
        Tensor x = Tensor.randn(new Generator(10), 3, 4).mul(2f);
        assertTrue(x.relu().contentEquals(new ReLU().forward(x)));
        assertTrue(x.leakyRelu(0.01f).contentEquals(new LeakyReLU().forward(x)));
        assertTrue(x.leakyRelu(0.2f).contentEquals(new LeakyReLU(0.2f).forward(x)));
        assertTrue(x.gelu().contentEquals(new GELU().forward(x)));
        assertTrue(x.sigmoid().contentEquals(new Sigmoid().forward(x)));
        assertTrue(x.tanh().contentEquals(new Tanh().forward(x)));
        assertTrue(x.softmax(1).contentEquals(new Softmax(1).forward(x)));
        assertTrue(x.logSoftmax(-1).contentEquals(new LogSoftmax(-1).forward(x)));
        assertSame(x, new Identity().forward(x));
        assertTrue(new ReLU().parameters().isEmpty());
        assertEquals("LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2f).toString());
    }

    // ------------------------------------------------------------------ Dropout (awaits the merge)

    @Test
    void dropoutInTrainingIsSeededAndInEvaluationTheIdentity() {
        Tensor x = Tensor.ones(100, 100);
        Dropout a = new Dropout(0.3f, new Generator(11));
        Dropout b = new Dropout(0.3f, new Generator(11));
        Tensor ya = a.forward(x);
        assertTrue(ya.contentEquals(b.forward(x)), "the same seed gives the same mask");
        int zeros = 0;
        for (float v : ya.toArray()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
        }
        // 10^4 Bernoulli(0.3) draws: standard deviation 46, so 3000 ± 300 is over six of them.
        assertTrue(Math.abs(zeros - 3000) < 300, zeros + " zeros");
        a.eval();
        assertTrue(x.contentEquals(a.forward(x)));
        assertFalse(a.isTraining());
    }

    @Test
    void dropoutRejectsABadProbability() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f, new Generator(1)));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
