package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Functional#conv2d}: hand-computed examples, output shapes, argument errors, and
 * finite-difference gradient checks. Convolution is linear in each input, so central differences
 * have no truncation error and {@link GradCheck}'s default tolerances hold with a wide margin.
 */
class Conv2dTest {
    /** 1..9 as a 3x3 image. */
    private static Tensor image3x3() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    }

    /** The 2x2 kernel [[1, 2], [3, 4]]. */
    private static Tensor kernel2x2() {
        return Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    }

    @Test
    void handComputedExampleWithBias() {
        // y[0,0] = 1*1 + 2*2 + 4*3 + 5*4 = 37, and so on, plus the bias 0.5.
        Tensor y = Functional.conv2d(image3x3(), kernel2x2(), Tensor.of(new float[] {0.5f}), 1, 0, 1);
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.dims());
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, y.toArray());
    }

    @Test
    void handComputedExampleWithPaddingAndStride() {
        // Windows start at rows/columns -1 and 1; taps in the padding read zero.
        // y[0,0] = 1*4; y[0,1] = 2*3 + 3*4; y[1,0] = 4*2 + 7*4; y[1,1] = 5*1 + 6*2 + 8*3 + 9*4.
        Tensor y = Functional.conv2d(image3x3(), kernel2x2(), null, 2, 1, 1);
        assertArrayEquals(new float[] {4, 18, 36, 77}, y.toArray());
    }

    @Test
    void handComputedExampleWithDilation() {
        // Dilation 2 spreads the 2x2 kernel over the corners of the 3x3 image: 1*1 + 3*2 + 7*3 + 9*4.
        Tensor y = Functional.conv2d(image3x3(), kernel2x2(), null, 1, 0, 2);
        assertArrayEquals(new int[] {1, 1, 1, 1}, y.dims());
        assertEquals(64f, y.item());
    }

    @Test
    void handComputedExampleWithTwoChannelsInAndOut() {
        // Output channel 0 sums the two input channels, output channel 1 takes their difference.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 1, 1, -1}, 2, 2, 1, 1);
        Tensor y = Functional.conv2d(x, w, Tensor.of(new float[] {0, 100}), 1, 0, 1);
        assertArrayEquals(new float[] {11, 22, 33, 44, 91, 82, 73, 64}, y.toArray());
    }

    @Test
    void outputShapesFollowPyTorchsFormula() {
        Generator g = new Generator(1);
        assertArrayEquals(new int[] {1, 8, 32, 32}, Functional.conv2d(Tensor.zeros(1, 3, 32, 32),
                Tensor.randn(g, 8, 3, 5, 5), null, 1, 2, 1).dims());
        assertArrayEquals(new int[] {2, 6, 12, 12}, Functional.conv2d(Tensor.zeros(2, 1, 28, 28),
                Tensor.randn(g, 6, 1, 5, 5), null, 2, 0, 1).dims());
        // H: (7 - 2 - 1)/2 + 1 = 3; W: (5 + 2 - 2 - 1)/1 + 1 = 5.
        assertArrayEquals(new int[] {1, 1, 3, 5}, Functional.conv2d(Tensor.zeros(1, 1, 7, 5),
                Tensor.randn(g, 1, 1, 3, 2), null, 2, 1, 0, 1, 1, 2).dims());
        // Floor rounding: (8 - 3)/2 + 1 = 3.
        assertArrayEquals(new int[] {1, 2, 3, 3}, Functional.conv2d(Tensor.zeros(1, 1, 8, 8),
                Tensor.randn(g, 2, 1, 3, 3), null, 2, 0, 1).dims());
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(1, 3, 5, 5);
        Tensor w = Tensor.zeros(4, 3, 3, 3);
        assertMessage(() -> Functional.conv2d(Tensor.zeros(3, 5, 5), w, null, 1, 0, 1), "conv2d", "4-D", "[3, 5, 5]");
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(3, 3, 3), null, 1, 0, 1), "conv2d", "weight", "[3, 3, 3]");
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0, 1), "conv2d", "channels",
                "[1, 3, 5, 5]", "[4, 2, 3, 3]");
        assertMessage(() -> Functional.conv2d(x, w, Tensor.zeros(3), 1, 0, 1), "conv2d", "bias", "[4]", "[3]");
        assertMessage(() -> Functional.conv2d(x, w, null, 0, 0, 1), "conv2d", "stride");
        assertMessage(() -> Functional.conv2d(x, w, null, 1, -1, 1), "conv2d", "padding");
        assertMessage(() -> Functional.conv2d(x, w, null, 1, 0, 0), "conv2d", "dilation");
        assertMessage(() -> Functional.conv2d(x, w, null, 1, 0, 3), "conv2d", "smaller than the kernel", "[1, 3, 5, 5]");
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(4, 3, 0, 3), null, 1, 0, 1), "conv2d", "kernel size");
    }

    private static void assertMessage(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "message '" + message + "' should contain '" + part + "'");
        }
    }

    @Test
    void backwardSkipsInputsThatNeedNoGradient() {
        Tensor x = Tensor.randn(new Generator(2), 2, 2, 4, 4);
        Tensor w = Tensor.randn(new Generator(3), 3, 2, 3, 3).requiresGrad(true);
        Tensor b = Tensor.zeros(3).requiresGrad(true);
        Tensor y = Functional.conv2d(x, w, b, 1, 1, 1);
        y.backward(Tensor.ones(y.dims()));
        assertNull(x.grad());
        assertNotNull(w.grad());
        // d(sum y)/db[o] counts the outputs of channel o: 2 images x 4 x 4 positions.
        assertArrayEquals(new float[] {32, 32, 32}, b.grad().toArray());
    }

    @Test
    void recordsNoGraphWhenNothingNeedsGradients() {
        Tensor y = Functional.conv2d(Tensor.ones(1, 1, 3, 3), Tensor.ones(1, 1, 2, 2), null, 1, 0, 1);
        assertTrue(y.isLeaf());
    }

    @Test
    void gradCheckWithBias() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], in[2], 1, 0, 1),
                Tensor.randn(new Generator(10), 2, 3, 5, 4), Tensor.randn(new Generator(11), 4, 3, 3, 2),
                Tensor.randn(new Generator(12), 4));
    }

    @Test
    void gradCheckWithoutBiasStride2Padding1() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], null, 2, 1, 1),
                Tensor.randn(new Generator(20), 1, 2, 7, 6), Tensor.randn(new Generator(21), 3, 2, 3, 2));
    }

    @Test
    void gradCheckPadding2Dilation2() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], in[2], 1, 2, 2),
                Tensor.randn(new Generator(30), 2, 2, 6, 7), Tensor.randn(new Generator(31), 2, 2, 2, 3),
                Tensor.randn(new Generator(32), 2));
    }

    @Test
    void gradCheckWithSeparateVerticalAndHorizontalParameters() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], in[2], 2, 1, 1, 2, 1, 2),
                Tensor.randn(new Generator(40), 2, 3, 5, 7), Tensor.randn(new Generator(41), 2, 3, 2, 3),
                Tensor.randn(new Generator(42), 2));
    }

    @Test
    void fusedConvReluGivesTheBitsOfReluAfterConv() {
        // one group with 4 and 16 channels (channels-last), two groups, depthwise
        int[][] cases = {{4, 5, 1}, {16, 5, 1}, {4, 6, 2}, {4, 8, 4}};
        for (int[] c : cases) {
            for (boolean withBias : new boolean[] {true, false}) {
                Generator g = new Generator(withBias ? 50 : 51);
                Tensor x = Tensor.randn(g, 3, c[0], 9, 8);
                Tensor w = Tensor.randn(g, c[1], c[0] / c[2], 3, 3);
                Tensor b = withBias ? Tensor.randn(g, c[1]) : null;
                Tensor upstream = Tensor.randn(g, 3, c[1], 9, 8);
                Tensor[] separate = convReluGradients(x, w, b, c[2], upstream, false);
                Tensor[] fused = convReluGradients(x, w, b, c[2], upstream, true);
                for (int i = 0; i < separate.length; i++) {
                    if (separate[i] != null) {
                        assertArrayEquals(separate[i].toArray(), fused[i].toArray(), java.util.Arrays.toString(c)
                                + " output, dx, dw, db: " + i);
                    }
                }
            }
        }
    }

    /** The output and the gradients of x, w and b after backward from {@code upstream}, fused or not. */
    private static Tensor[] convReluGradients(Tensor x, Tensor w, Tensor b, int groups, Tensor upstream, boolean fused) {
        Tensor xl = x.detach().requiresGrad(true);
        Tensor wl = w.detach().requiresGrad(true);
        Tensor bl = b == null ? null : b.detach().requiresGrad(true);
        Tensor y = fused ? Functional.conv2dRelu(xl, wl, bl, Conv2dParams.of(1, 1, 1, groups))
                : Functional.conv2d(xl, wl, bl, 1, 1, 1, groups).relu();
        y.backward(upstream);
        return new Tensor[] {y.detach(), xl.grad(), wl.grad(), bl == null ? null : bl.grad()};
    }

    // Small weights and inputs with biases of +1 and -1 keep every pre-activation about 1 away from
    // ReLU's kink, so central differences see both the passing and the blocked channels exactly.
    @Test
    void gradCheckFusedConvRelu() {
        Tensor x = Tensor.randn(new Generator(60), 2, 2, 5, 5).mul(0.1f);
        Tensor w = Tensor.randn(new Generator(61), 4, 2, 3, 3).mul(0.1f);
        Tensor b = Tensor.of(new float[] {1, -1, 1, -1}, 4);
        GradCheck.check(in -> Functional.conv2dRelu(in[0], in[1], in[2], Conv2dParams.of(1, 1, 1, 1)), x, w, b);
    }

    @Test
    void gradCheckFusedConvReluWithTwoGroups() {
        Tensor x = Tensor.randn(new Generator(62), 2, 4, 5, 5).mul(0.1f);
        Tensor w = Tensor.randn(new Generator(63), 4, 2, 3, 3).mul(0.1f);
        Tensor b = Tensor.of(new float[] {1, -1, 1, -1}, 4);
        GradCheck.check(in -> Functional.conv2dRelu(in[0], in[1], in[2], Conv2dParams.of(1, 1, 1, 2)), x, w, b);
    }

    @Test
    void handComputedExampleWithTwoGroups() {
        // 1x1 kernels: group 0 maps channels 0, 1 to outputs 0, 1; group 1 maps channels 2, 3 to outputs 2, 3.
        Tensor x = Tensor.of(new float[] {1, 2, 10, 20, 100, 200, 1000, 2000}, 1, 4, 1, 2);
        Tensor w = Tensor.of(new float[] {1, 1, 1, -1, 2, 0, 0, 3}, 4, 2, 1, 1);
        Tensor y = Functional.conv2d(x, w, Tensor.of(new float[] {0, 0, 0, 0.5f}), 1, 0, 1, 2);
        assertArrayEquals(new int[] {1, 4, 1, 2}, y.dims());
        assertArrayEquals(new float[] {11, 22, -9, -18, 200, 400, 3000.5f, 6000.5f}, y.toArray());
    }

    @Test
    void handComputedDepthwiseExample() {
        // groups == channels: each channel has its own 2x2 kernel, [[1, 0], [0, 1]] and [[0, 1], [1, 0]].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90}, 1, 2, 3, 3);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 2, 1, 2, 2);
        Tensor y = Functional.conv2d(x, w, null, 1, 0, 1, 2);
        assertArrayEquals(new float[] {6, 8, 12, 14, 60, 80, 120, 140}, y.toArray());
    }

    @Test
    void groupedOutputIsEachGroupConvolvedAlone() {
        // conv2d with 3 groups equals the per-group convolutions of the channel slices, side by side.
        Generator g = new Generator(64);
        Tensor x = Tensor.randn(g, 2, 6, 7, 6);
        Tensor w = Tensor.randn(g, 9, 2, 3, 2);
        Tensor b = Tensor.randn(g, 9);
        Tensor y = Functional.conv2d(x, w, b, Conv2dParams.of(2, 1, 1, 3));
        float[] expected = new float[y.size()];
        int plane = y.dim(2) * y.dim(3);
        for (int j = 0; j < 3; j++) {
            Tensor yj = Functional.conv2d(channels(x, 2 * j, 2), channels(w.reshape(1, 9, 2 * 3 * 2), 3 * j, 3)
                    .reshape(3, 2, 3, 2), channels(b.reshape(1, 9), 3 * j, 3).reshape(3), 2, 1, 1);
            float[] part = yj.toArray();
            for (int n = 0; n < 2; n++) {
                System.arraycopy(part, n * 3 * plane, expected, (n * 9 + 3 * j) * plane, 3 * plane);
            }
        }
        float[] actual = y.toArray();
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f, "element " + i);
        }
    }

    /** Channels {@code [first, first + count)} of every item of {@code t}, {@code (N, C, ...)}, as a new tensor. */
    private static Tensor channels(Tensor t, int first, int count) {
        int items = t.dim(0);
        int per = t.size() / (items * t.dim(1));
        float[] all = t.toArray();
        float[] out = new float[items * count * per];
        for (int n = 0; n < items; n++) {
            System.arraycopy(all, (n * t.dim(1) + first) * per, out, n * count * per, count * per);
        }
        int[] dims = t.dims();
        dims[1] = count;
        return Tensor.of(out, dims);
    }

    @Test
    void groupsThatDoNotDivideTheChannelsAreRefusedNamingTheNumbers() {
        Tensor x = Tensor.zeros(1, 6, 5, 5);
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0, 1, 3), "conv2d", "[4, 2, 3, 3]",
                "4 output channels", "3 groups");
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0, 1, 2), "conv2d", "[1, 6, 5, 5]",
                "6 channels", "2 groups");
        assertMessage(() -> Functional.conv2d(x, Tensor.zeros(6, 1, 3, 3), null, 1, 0, 1, 0), "conv2d", "groups", "0");
    }

    @Test
    void gradCheckTwoGroupsWithBiasStride2Padding1() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], in[2], 2, 1, 1, 2),
                Tensor.randn(new Generator(70), 2, 4, 6, 5), Tensor.randn(new Generator(71), 6, 2, 3, 3),
                Tensor.randn(new Generator(72), 6));
    }

    @Test
    void gradCheckDepthwiseDilation2() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], in[2], 1, 2, 2, 3),
                Tensor.randn(new Generator(73), 2, 3, 6, 7), Tensor.randn(new Generator(74), 3, 1, 3, 3),
                Tensor.randn(new Generator(75), 3));
    }

    @Test
    void gradCheckDepthwiseWithTwoOutputsPerChannelNoBias() {
        GradCheck.check(in -> Functional.conv2d(in[0], in[1], null, new Conv2dParams(1, 2, 1, 0, 1, 1, 2)),
                Tensor.randn(new Generator(76), 3, 2, 5, 6), Tensor.randn(new Generator(77), 4, 1, 2, 3));
    }
}
