package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatMulTest {
    /** The definition, in double: C[b, i, j] = sum_p A[b, i, p] * B[b, p, j]. */
    private static float[] naive(float[] a, float[] b, int batch, int m, int k, int n, boolean shareB) {
        float[] c = new float[batch * m * n];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) a[s * m * k + i * k + p] * b[(shareB ? 0 : s * k * n) + p * n + j];
                    }
                    c[s * m * n + i * n + j] = (float) sum;
                }
            }
        }
        return c;
    }

    // Float sums of up to 40 products of N(0,1) values: error around 40 * 6e-8 * |terms| ~ 1e-5.
    @Property(tries = 100)
    void matchesTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 19) int m,
            @ForAll @IntRange(min = 1, max = 40) int k, @ForAll @IntRange(min = 1, max = 19) int n,
            @ForAll @IntRange(min = 0, max = 3) int batch, @ForAll boolean shareB) {
        Generator g = new Generator(seed);
        Tensor a = batch == 0 ? Tensor.randn(g, m, k) : Tensor.randn(g, batch, m, k);
        Tensor b = batch == 0 || shareB ? Tensor.randn(g, k, n) : Tensor.randn(g, batch, k, n);
        Tensor c = a.matmul(b);
        float[] expected = naive(a.toArray(), b.toArray(), Math.max(batch, 1), m, k, n, batch == 0 || shareB);
        Tensors.assertClose(Tensor.of(expected, c.dims()), c, 1e-4, 1e-4);
    }

    @Test
    void gradients2dAndBatchedWithBroadcast() {
        Generator g = new Generator(11);
        GradCheck.check(in -> in[0].matmul(in[1]), Tensor.randn(g, 3, 5), Tensor.randn(g, 5, 4));
        GradCheck.check(in -> in[0].matmul(in[1]), Tensor.randn(g, 2, 3, 5), Tensor.randn(g, 2, 5, 4));
        GradCheck.check(in -> in[0].matmul(in[1]), Tensor.randn(g, 2, 1, 3, 5), Tensor.randn(g, 3, 5, 2));
        GradCheck.check(in -> in[0].matmul(in[1]), Tensor.randn(g, 3, 5), Tensor.randn(g, 4, 5, 2));
    }

    @Test
    void batchDimensionsBroadcast() {
        Tensor c = Tensor.zeros(2, 1, 3, 5).matmul(Tensor.zeros(4, 5, 6));
        assertEquals(Shape.of(2, 4, 3, 6), c.shape());
    }

    @Test
    void clearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 1)));
    }
}
