package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.Myelin;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import org.junit.jupiter.api.Test;

class Conv2dReluPoolTest {

    /** Conv stride/padding and pool kernel/stride/padding for each case: the plain 2x2 pool, odd sizes, a general pool. */
    private static final int[][] CASES = {
        // channels, outChannels, H, W, conv stride, conv pad, pool kernel, pool stride, pool pad
        {1, 32, 28, 28, 1, 1, 2, 2, 0},
        {4, 5, 9, 8, 1, 1, 2, 2, 0},
        {3, 6, 11, 13, 2, 1, 2, 2, 0},
        {2, 4, 10, 10, 1, 0, 3, 2, 1},
        // With 16 or more input channels the convolution runs channels-last (and 17 leaves a scalar tail).
        {16, 32, 7, 7, 1, 1, 2, 2, 0},
        {17, 20, 9, 8, 2, 1, 3, 2, 1},
        // Grouped (the op runs conv + ReLU, then the pool): two groups, depthwise, depthwise over 16 channels.
        {4, 6, 9, 8, 1, 1, 2, 2, 0, 2},
        {3, 6, 8, 8, 1, 1, 2, 2, 0, 3},
        {16, 16, 7, 7, 1, 1, 3, 2, 1, 16},
    };

    // Without an input gradient (a first layer) a short patch's weight and bias gradients take the
    // pooled gradient plane by plane (ShortPatchGradients); with one, the batch's dY is stored first.
    @Test
    void fusedGivesTheBitsOfConvReluPoolOneAfterAnother() {
        int seed = 70;
        for (int[] c : CASES) {
            for (boolean withBias : new boolean[] {true, false}) {
                for (boolean inputGrad : new boolean[] {true, false}) {
                    long upstream = 1000 + seed;
                    Generator g = new Generator(seed++);
                    Tensor x = Tensor.randn(g, 3, c[0], c[2], c[3]);
                    Tensor w = Tensor.randn(g, c[1], c[0] / groups(c), 3, 3);
                    Tensor b = withBias ? Tensor.randn(g, c[1]) : null;
                    Tensor[] separate = gradients(x, inputGrad, w, b, c, false, upstream);
                    Tensor[] fused = gradients(x, inputGrad, w, b, c, true, upstream);
                    for (int i = 0; i < separate.length; i++) {
                        if (separate[i] != null) {
                            assertArrayEquals(separate[i].toArray(), fused[i].toArray(), "case "
                                    + java.util.Arrays.toString(c) + ", input grad " + inputGrad + ", output, dx, dw, db: " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fusedIsBitIdenticalAcrossThreadCounts() {
        // the classic convolution, the channels-last one, and the short-patch weight gradient
        for (int[] c : new int[][] {CASES[1], CASES[4], CASES[0]}) {
            Generator g = new Generator(90);
            Tensor x = Tensor.randn(g, 5, c[0], c[2], c[3]);
            Tensor w = Tensor.randn(g, c[1], c[0], 3, 3);
            Tensor b = Tensor.randn(g, c[1]);
            boolean inputGrad = c[0] > 1;
            int before = Myelin.threads();
            try {
                Myelin.setThreads(1);
                Tensor[] one = gradients(x, inputGrad, w, b, c, true, 91);
                Myelin.setThreads(3);
                Tensor[] three = gradients(x, inputGrad, w, b, c, true, 91);
                for (int i = 0; i < one.length; i++) {
                    if (one[i] != null) {
                        assertArrayEquals(one[i].toArray(), three[i].toArray(), "output, dx, dw, db: " + i);
                    }
                }
            } finally {
                Myelin.setThreads(before);
            }
        }
    }

    // Biases of +2 and -2 keep every pooled pre-activation away from ReLU's kink; the inputs are a
    // shuffled ramp (steps of 0.05) and the kernel one positive tap, so the four values of each window
    // stay far apart compared with the finite-difference step and the pool's choice never flips.
    @Test
    void gradCheck() {
        int n = 2 * 2 * 6 * 6;
        float[] ramp = new float[n];
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(80));
        for (int i = 0; i < n; i++) {
            ramp[i] = order.get(i) * 0.05f - 3.6f;
        }
        Tensor x = Tensor.of(ramp, 2, 2, 6, 6);
        Tensor w = Tensor.randn(new Generator(81), 4, 2, 3, 3).mul(0.01f).add(Tensor.of(new float[] {
            0, 0, 0, 0, 1, 0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 2, 3, 3));
        Tensor b = Tensor.of(new float[] {2, -2, 2, -2}, 4);
        GradCheck.check(1e-3, 5e-3, 1e-2,
                in -> Functional.conv2dReluMaxPool2d(in[0], in[1], in[2], Conv2dParams.of(1, 1, 1, 1),
                        MaxPool2dParams.of(2, 2, 0)), x, w, b);
    }

    @Test
    void sequentialFusesConvReluPoolAndGivesTheSameAsTheLayersOneByOne() {
        Sequential model = new Sequential(new Conv2d(2, 4, 3, 1, 1, new Generator(5)), new ReLU(), new MaxPool2d(2));
        Tensor x = Tensor.randn(new Generator(6), 3, 2, 8, 8);
        Tensor fused = model.forward(x);
        Tensor separate = x;
        for (int i = 0; i < model.size(); i++) {
            separate = model.get(i).forward(separate);
        }
        assertArrayEquals(separate.toArray(), fused.toArray());
        assertEquals(separate.shape(), fused.shape());
    }

    // A grouped convolution is not run by the fused kernel: Sequential still fuses the three layers, and
    // the op runs conv + ReLU, then the pool, with the values and gradients of the layers one by one.
    @Test
    void sequentialWithAGroupedConvolutionGivesTheSameAsTheLayersOneByOne() {
        for (int groups : new int[] {2, 4}) {
            Sequential model = new Sequential(new Conv2d(4, 8, 3, Conv2d.options().padding(1).groups(groups)
                    .generator(new Generator(5))), new ReLU(), new MaxPool2d(2));
            Tensor x = Tensor.randn(new Generator(6), 3, 4, 8, 8);
            Tensor upstream = Tensor.randn(new Generator(7), 3, 8, 4, 4);
            Conv2d conv = (Conv2d) model.get(0);
            Tensor fused = model.forward(x);
            fused.backward(upstream);
            float[] fusedWeightGrad = conv.weight().value().grad().toArray();
            conv.weight().value().zeroGrad();
            conv.bias().value().zeroGrad();
            Tensor separate = x;
            for (int i = 0; i < model.size(); i++) {
                separate = model.get(i).forward(separate);
            }
            separate.backward(upstream);
            assertArrayEquals(separate.toArray(), fused.toArray(), groups + " groups");
            assertArrayEquals(conv.weight().value().grad().toArray(), fusedWeightGrad, groups + " groups, dW");
        }
    }

    // Without gradients the pool keeps no choices (argmax is skipped), and the values must not change.
    @Test
    void inferenceWithoutArgmaxGivesTheSameValues() {
        for (int[] c : CASES) {
            Generator g = new Generator(100 + c[1]);
            Tensor x = Tensor.randn(g, 4, c[0], c[2], c[3]);
            Tensor w = Tensor.randn(g, c[1], c[0] / groups(c), 3, 3).requiresGrad(true);
            Tensor b = Tensor.randn(g, c[1]);
            Tensor recorded = Functional.conv2dReluMaxPool2d(x, w, b, conv(c), pool(c));
            try (var noGrad = Grad.disabled()) {
                Tensor inferred = Functional.conv2dReluMaxPool2d(x, w, b, conv(c), pool(c));
                assertArrayEquals(recorded.toArray(), inferred.toArray(), java.util.Arrays.toString(c));
            }
        }
    }

    @Test
    void aPoolLargerThanTheConvolutionOutputIsRefusedNamingTheShape() {
        Tensor x = Tensor.randn(new Generator(7), 1, 1, 3, 3);
        Tensor w = Tensor.randn(new Generator(8), 2, 1, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.conv2dReluMaxPool2d(x, w, null, Conv2dParams.of(1, 0, 1, 1), MaxPool2dParams.of(2, 2, 0)));
        assertTrue(e.getMessage().contains("[1, 2, 1, 1]"), e.getMessage());
    }

    /** The case's convolution: its stride and padding, dilation 1, and its groups (1 unless given tenth). */
    private static Conv2dParams conv(int[] c) {
        return Conv2dParams.of(c[4], c[5], 1, groups(c));
    }

    private static int groups(int[] c) {
        return c.length > 9 ? c[9] : 1;
    }

    /** The case's pool. */
    private static MaxPool2dParams pool(int[] c) {
        return MaxPool2dParams.of(c[6], c[7], c[8]);
    }

    /** The output and the gradients of x, w and b after backward from a random upstream gradient. */
    private static Tensor[] gradients(Tensor x, Tensor w, Tensor b, int[] c, boolean fused, long upstreamSeed) {
        return gradients(x, true, w, b, c, fused, upstreamSeed);
    }

    /** Output, dx (null unless {@code inputGrad}), dw, db (null without a bias). */
    private static Tensor[] gradients(Tensor x, boolean inputGrad, Tensor w, Tensor b, int[] c, boolean fused,
            long upstreamSeed) {
        Tensor xl = x.detach().requiresGrad(inputGrad);
        Tensor wl = w.detach().requiresGrad(true);
        Tensor bl = b == null ? null : b.detach().requiresGrad(true);
        Tensor y = fused
                ? Functional.conv2dReluMaxPool2d(xl, wl, bl, conv(c), pool(c))
                : Functional.maxPool2d(Functional.conv2d(xl, wl, bl, c[4], c[5], 1, groups(c)).relu(), c[6], c[7], c[8]);
        y.backward(Tensor.randn(new Generator(upstreamSeed), y.shape().dims()));
        return new Tensor[] {y.detach(), inputGrad ? xl.grad() : null, wl.grad(), bl == null ? null : bl.grad()};
    }
}
