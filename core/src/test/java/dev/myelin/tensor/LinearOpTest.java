package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LinearOpTest {
    // Against the composition it replaces; both sum the same products in float, possibly reordered.
    @Property(tries = 100)
    void matchesMatmulWithTheTransposedWeightPlusBias(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int rows,
            @ForAll @IntRange(min = 1, max = 40) int in, @ForAll @IntRange(min = 1, max = 37) int out,
            @ForAll boolean withBias) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.randn(g, rows, in);
        Tensor w = Tensor.randn(g, out, in);
        Tensor b = withBias ? Tensor.randn(g, out) : null;
        Tensor expected = x.matmul(w.transpose(0, 1));
        if (b != null) {
            expected = expected.add(b);
        }
        Tensors.assertClose(expected, Functional.linear(x, w, b), 1e-4, 1e-4);
    }

    @Test
    void gradients() {
        Generator g = new Generator(4);
        GradCheck.check(in -> Functional.linear(in[0], in[1], in[2]), Tensor.randn(g, 5, 7), Tensor.randn(g, 3, 7),
                Tensor.randn(g, 3));
        GradCheck.check(in -> Functional.linear(in[0], in[1], null), Tensor.randn(g, 2, 17), Tensor.randn(g, 19, 17));
    }

    @Test
    void shapeErrorsNameBothShapes() {
        assertThrows(IllegalArgumentException.class, () -> Functional.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null));
        assertThrows(IllegalArgumentException.class,
                () -> Functional.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 3), Tensor.zeros(3)));
    }
}
