package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Functional#maxPool2d} and {@link Functional#avgPool2d}: hand-computed examples, tie and
 * padding rules, output shapes, argument errors, and finite-difference gradient checks.
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
}
