package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Functional#maxPool2d} and {@link Functional#avgPool2d}: hand-computed examples (those with
 * {@code ceil_mode}, {@code count_include_pad=False} and {@code divisor_override} checked against torch
 * 1.13), tie and padding rules, output shapes, argument errors, and finite-difference gradient checks.
 *
 * <p>Max pooling is piecewise linear; its gradient check uses values 0.1 apart so that no window's
 * maximum changes under the step {@code h = 0.01}, and within a piece the differences are exact.
 * Average pooling is linear. So {@link GradCheck}'s default tolerances hold with a wide margin.
 */
class Pool2dTest {
    @Test
    void maxPoolHandComputedExample() {
        Tensor x = Tensor.of(new float[] {
            1, 5, 2, 0,
            3, 4, 8, 6,
            7, 0, 1, 2,
            9, 3, 4, 5}, 1, 1, 4, 4).requiresGrad(true);
        Tensor y = Functional.maxPool2d(x, 2, 2, 0);
        assertArrayEquals(new float[] {5, 8, 9, 5}, y.toArray());
        y.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {
            0, 1, 0, 0,
            0, 0, 2, 0,
            0, 0, 0, 0,
            3, 0, 0, 4}, x.grad().toArray());
    }

    @Test
    void maxPoolTiesGoToTheFirstElementOfTheWindow() {
        Tensor x = Tensor.ones(1, 1, 3, 3).requiresGrad(true);
        Tensor y = Functional.maxPool2d(x, 2, 1, 0);
        y.backward(Tensor.ones(1, 1, 2, 2));
        // Each overlapping window sends its gradient to its own top-left element.
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 0, 0, 0}, x.grad().toArray());
    }

    @Test
    void maxPoolPaddingNeverWins() {
        Tensor x = Tensor.of(new float[] {-4, -3, -2, -1}, 1, 1, 2, 2);
        // Every window holds one input element and three padded cells; zero padding would give 0.
        assertArrayEquals(new float[] {-4, -3, -2, -1}, Functional.maxPool2d(x, 2, 2, 1).toArray());
    }

    @Test
    void avgPoolHandComputedExampleCountsPaddingInTheDivisor() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, 2, 1, 1);
        assertArrayEquals(new float[] {
            0.25f, 0.75f, 0.5f,
            1.0f, 2.5f, 1.5f,
            0.75f, 1.75f, 1.0f}, y.toArray());
        y.backward(Tensor.ones(1, 1, 3, 3));
        // Every element lies in four windows, each passing on a quarter.
        assertArrayEquals(new float[] {1, 1, 1, 1}, x.grad().toArray());
    }

    @Test
    void avgPoolCeilModeAddsClippedWindowsDividedByWhatTheyCover() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, 2, 2, 0, true, true);
        // No padding: the windows of the last row and column cover 2, 2 and 1 elements (torch: 3, 4.5, 7.5, 9).
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, y.toArray());
        y.backward(Tensor.ones(1, 1, 2, 2));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.5f, 0.25f, 0.25f, 0.5f, 0.5f, 0.5f, 1}, x.grad().toArray());
    }

    @Test
    void avgPoolCeilModeCountsThePaddingButNotWhatLiesBeyondIt() {
        Tensor x = Tensor.arange(1, 17, 1).reshape(1, 1, 4, 4).requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, 3, 2, 1, true, true);
        // ceil((4 + 2 - 3) / 2) + 1 = 3 windows per axis; the last spans rows 3..5, of which 3 and 4 (the
        // padding row) count: divisor 3·2 = 6 on the last column and row, 2·2 = 4 in the corner (torch's values).
        assertArrayEquals(new float[] {14f / 9, 30f / 9, 2, 57f / 9, 11, 6, 4.5f, 7.5f, 4}, y.toArray(), 1e-6f);
        y.backward(Tensor.ones(1, 1, 3, 3));
        assertArrayEquals(new float[] {
            1f / 9, 2f / 9, 1f / 9, 5f / 18,
            2f / 9, 4f / 9, 2f / 9, 5f / 9,
            1f / 9, 2f / 9, 1f / 9, 5f / 18,
            5f / 18, 5f / 9, 5f / 18, 25f / 36}, x.grad().toArray(), 1e-6f);
    }

    @Test
    void avgPoolWithoutCountIncludePadDividesByTheInputElementsOnly() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Functional.avgPool2d(x, 2, 1, 1, false, false);
        assertArrayEquals(new float[] {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4}, y.toArray());
        y.backward(Tensor.ones(1, 1, 3, 3));
        // Each element: 1 + 1/2 + 1/2 + 1/4 from the corner, edge, edge and centre windows holding it.
        assertArrayEquals(new float[] {2.25f, 2.25f, 2.25f, 2.25f}, x.grad().toArray());
    }

    @Test
    void avgPoolDivisorOverrideDividesEveryWindowByIt() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        assertArrayEquals(new float[] {4, 16f / 3, 8, 28f / 3},
                Functional.avgPool2d(x, 2, 2, 1, 1, 0, 0, false, true, 3).toArray(), 1e-6f);
    }

    @Test
    void ceilModeOutputShapes() {
        // H: ceil((3 + 2 - 2) / 2) + 1 = 3, but the third window would start at 4 = H + padding (padded
        // coordinates), in the right padding, so it is dropped: 2. W: likewise 4, the fourth starting at 6: 3.
        assertArrayEquals(new int[] {1, 1, 2, 3}, Functional.avgPool2d(Tensor.zeros(1, 1, 3, 5), 2, 2, 1, true, true).dims());
        // A kernel larger than the input still gives one window in ceil mode (floor mode refuses it).
        Tensor small = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        assertArrayEquals(new float[] {3.5f}, Functional.avgPool2d(small, 3, 2, 0, true, true).toArray());
        assertMessage(() -> Functional.avgPool2d(small, 3, 2, 0, false, true), "avgPool2d", "smaller than the kernel");
        // Stride 1 rounds nothing: ceil mode is floor mode.
        assertArrayEquals(new int[] {1, 1, 4, 6}, Functional.avgPool2d(Tensor.zeros(1, 1, 5, 7), 2, 1, 0, true, true).dims());
    }

    @Test
    void outputShapesRoundDown() {
        Tensor x = Tensor.zeros(2, 3, 7, 5);
        assertArrayEquals(new int[] {2, 3, 4, 3}, Functional.maxPool2d(x, 3, 2, 1).dims());
        assertArrayEquals(new int[] {2, 3, 3, 2}, Functional.avgPool2d(x, 2, 2, 0).dims());
        // H: (7 + 2 - 2)/2 + 1 = 4; W: (5 - 3)/1 + 1 = 3.
        assertArrayEquals(new int[] {2, 3, 4, 3}, Functional.maxPool2d(x, 2, 3, 2, 1, 1, 0).dims());
        assertArrayEquals(new int[] {2, 3, 4, 3}, Functional.avgPool2d(x, 2, 3, 2, 1, 1, 0).dims());
    }

    @Test
    void errorsNameTheOpAndTheParameters() {
        Tensor x = Tensor.zeros(1, 2, 5, 5);
        for (String op : new String[] {"maxPool2d", "avgPool2d"}) {
            boolean max = op.equals("maxPool2d");
            assertMessage(() -> pool(max, Tensor.zeros(2, 5, 5), 2, 2, 0), op, "4-D", "[2, 5, 5]");
            assertMessage(() -> pool(max, x, 0, 1, 0), op, "kernel size");
            assertMessage(() -> pool(max, x, 2, 0, 0), op, "stride");
            assertMessage(() -> pool(max, x, 3, 1, 2), op, "half the kernel", "(2, 2)", "(3, 3)");
            assertMessage(() -> pool(max, x, 2, 1, -1), op, "padding");
            assertMessage(() -> pool(max, Tensor.zeros(1, 1, 2, 5), 3, 1, 0), op, "smaller than the kernel", "[1, 1, 2, 5]");
        }
        assertMessage(() -> Functional.avgPool2d(x, 2, 2, 2, 2, 0, 0, false, true, -1), "avgPool2d", "divisor override", "-1");
        assertMessage(() -> Functional.avgPool2d(Tensor.zeros(1, 1, 1, 5), 3, 2, 0, true, true), "avgPool2d",
                "smaller than the kernel", "0x2");
    }

    private static Tensor pool(boolean max, Tensor x, int kernel, int stride, int padding) {
        return max ? Functional.maxPool2d(x, kernel, stride, padding) : Functional.avgPool2d(x, kernel, stride, padding);
    }

    private static void assertMessage(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "message '" + message + "' should contain '" + part + "'");
        }
    }

    /** A random permutation of {@code 0, 0.1, ..., 0.1*(n-1)}: distinct values, well separated. */
    private static Tensor distinctValues(long seed, int... dims) {
        Tensor t = Tensor.zeros(dims);
        int n = t.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Generator g = new Generator(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            t.data[i] = 0.1f * order[i];
        }
        return t;
    }

    @Test
    void maxPoolGradCheckWithPadding() {
        GradCheck.check(in -> Functional.maxPool2d(in[0], 3, 2, 1), distinctValues(50, 2, 3, 6, 5));
    }

    @Test
    void maxPoolGradCheckWithOverlappingNonSquareWindows() {
        GradCheck.check(in -> Functional.maxPool2d(in[0], 2, 3, 1, 2, 1, 1), distinctValues(51, 2, 2, 5, 7));
    }

    @Test
    void avgPoolGradCheckWithPadding() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 3, 2, 1), Tensor.randn(new Generator(52), 2, 3, 6, 5));
    }

    @Test
    void avgPoolGradCheckWithOverlappingNonSquareWindows() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 2, 3, 1, 2, 1, 1), Tensor.randn(new Generator(53), 2, 2, 5, 7));
    }

    /** Ceil mode with padding: the last windows run past the padded input and are divided by less. */
    @Test
    void avgPoolGradCheckCeilMode() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 3, 2, 1, true, true), Tensor.randn(new Generator(54), 2, 3, 6, 5));
    }

    /** Padding left out of the divisor, stride 2 with a 3x2 kernel. */
    @Test
    void avgPoolGradCheckWithoutCountIncludePad() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 3, 2, 2, 2, 1, 1, false, false, 0),
                Tensor.randn(new Generator(55), 2, 2, 7, 6));
    }

    /** Both options, on odd sizes with stride 3 over a kernel of 4 (windows run past both the input and the padding). */
    @Test
    void avgPoolGradCheckCeilModeWithoutCountIncludePad() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 4, 4, 3, 3, 2, 1, true, false, 0),
                Tensor.randn(new Generator(56), 1, 2, 7, 9));
    }

    @Test
    void avgPoolGradCheckDivisorOverride() {
        GradCheck.check(in -> Functional.avgPool2d(in[0], 2, 2, 2, 2, 1, 1, true, false, 3),
                Tensor.randn(new Generator(57), 1, 2, 5, 5));
    }
}
