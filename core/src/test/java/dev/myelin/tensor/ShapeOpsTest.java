package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ShapeOpsTest {
    @Test
    void transposeOfAMatrix() {
        Tensor t = Tensor.arange(6).reshape(2, 3).transpose(0, 1);
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toArray());
    }

    @Property(tries = 100)
    void permuteMovesEveryElementToItsPermutedIndex(@ForAll long seed) {
        Generator g = new Generator(seed);
        int[] dims = RandomShapes.shape(g, 4);
        int r = dims.length;
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        for (int i = r - 1; i > 0; i--) { // Fisher-Yates
            int j = g.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Tensor x = Tensor.randn(g, dims);
        Tensor y = x.permute(order);
        int[] outIndex = new int[r];
        int[] inIndex = new int[r];
        for (int flat = 0; flat < y.size(); flat++) {
            int rest = flat;
            for (int d = r - 1; d >= 0; d--) {
                outIndex[d] = rest % y.dim(d);
                rest /= y.dim(d);
            }
            for (int d = 0; d < r; d++) {
                inIndex[order[d]] = outIndex[d];
            }
            assertEquals(x.get(inIndex), y.get(outIndex));
        }
        // Permuting back restores the original exactly.
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            inverse[order[i]] = i;
        }
        assertArrayEquals(x.toArray(), y.permute(inverse).toArray());
    }

    @Test
    void gradients() {
        Generator g = new Generator(3);
        GradCheck.check(in -> in[0].permute(2, 0, 1), Tensor.randn(g, 2, 3, 4));
        GradCheck.check(in -> in[0].transpose(0, 1), Tensor.randn(g, 3, 5));
        GradCheck.check(in -> in[0].reshape(4, -1).mul(in[0].reshape(4, -1)), Tensor.randn(g, 2, 2, 3));
        GradCheck.check(in -> in[0].flatten(1), Tensor.randn(g, 2, 3, 2));
        GradCheck.check(in -> in[0].copy(), Tensor.randn(g, 4));
    }

    @Test
    void permuteRejectsBadOrders() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).permute(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).permute(0));
    }
}
