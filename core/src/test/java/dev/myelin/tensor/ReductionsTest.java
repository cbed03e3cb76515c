package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * sum, mean and max against naive references in double, over random shapes and random sets of
 * dimensions; their gradients; and their errors. Sums accumulate in double and round once, so they
 * agree with the reference to float rounding of the result plus a little ({@code atol 1e-5}).
 */
class ReductionsTest {
    @Provide
    Arbitrary<int[]> shapes() {
        return RandomShapes.shapes();
    }

    /** A random subset of the dimensions, each written as positive or negative, in random order. */
    static int[] randomDims(Generator g, int rank) {
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (g.nextInt(2) == 0) {
                dims.add(g.nextInt(2) == 0 ? d : d - rank);
            }
        }
        Collections.shuffle(dims, new Random(g.nextLong()));
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sum (or mean) over {@code dims}, computed element by element in double. */
    static Tensor naiveReduce(Tensor x, int[] dims, boolean keepdim, boolean mean) {
        int[] shape = x.dims();
        int rank = shape.length;
        boolean[] reduced = new boolean[rank];
        for (int d : dims) {
            reduced[(d + rank) % rank] = true;
        }
        List<Integer> outDims = new ArrayList<>();
        int count = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                outDims.add(shape[d]);
            } else {
                count *= shape[d];
                if (keepdim) {
                    outDims.add(1);
                }
            }
        }
        int[] outShape = outDims.stream().mapToInt(Integer::intValue).toArray();
        int outSize = 1;
        for (int d = 0; d < rank; d++) {
            outSize *= reduced[d] ? 1 : shape[d];
        }
        double[] acc = new double[outSize];
        for (int flat = 0; flat < x.size(); flat++) {
            int[] index = RandomShapes.unravel(flat, shape);
            int j = 0;
            for (int d = 0; d < rank; d++) {
                if (!reduced[d]) {
                    j = j * shape[d] + index[d];
                }
            }
            acc[j] += x.data[x.offset + flat];
        }
        float[] values = new float[outSize];
        for (int j = 0; j < outSize; j++) {
            values[j] = (float) (mean ? acc[j] / count : acc[j]);
        }
        return Tensor.of(values, outShape).reshape(outShape);
    }

    @Property(tries = 150)
    void sumAndMeanMatchNaiveReference(@ForAll @From("shapes") int[] shape, @ForAll long seed, @ForAll boolean keepdim) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.randn(g, shape);
        int[] dims = randomDims(g, shape.length);
        if (dims.length == 0) {
            Tensors.assertClose(x, x.sum(dims, keepdim), 0, 0);
            Tensors.assertClose(x, x.mean(dims, keepdim), 0, 0);
            return;
        }
        Tensors.assertClose(naiveReduce(x, dims, keepdim, false), x.sum(dims, keepdim), 1e-5, 1e-6);
        Tensors.assertClose(naiveReduce(x, dims, keepdim, true), x.mean(dims, keepdim), 1e-6, 1e-6);
    }

    @Property(tries = 100)
    void maxMatchesNaiveReference(@ForAll @From("shapes") int[] shape, @ForAll long seed, @ForAll boolean keepdim) {
        Generator g = new Generator(seed);
        // Rounded values, so that ties occur and the first-index rule is exercised.
        Tensor x = Tensor.randn(g, shape).mul(2f);
        for (int i = 0; i < x.size(); i++) {
            x.data[i] = Math.round(x.data[i]);
        }
        int dim = g.nextInt(shape.length) - (g.nextInt(2) == 0 ? 0 : shape.length);
        MaxResult r = x.max(dim, keepdim);

        int d = (dim + shape.length) % shape.length;
        int[] outShape = keepdim ? shape.clone() : removeDim(shape, d);
        if (keepdim) {
            outShape[d] = 1;
        }
        assertEquals(Shape.of(outShape), r.values().shape());
        int[] reducedShape = shape.clone();
        reducedShape[d] = 1;
        for (int j = 0; j < r.values().size(); j++) {
            int[] index = RandomShapes.unravel(j, reducedShape);
            float best = Float.NEGATIVE_INFINITY;
            int bestK = -1;
            for (int k = 0; k < shape[d]; k++) {
                index[d] = k;
                float v = x.get(index);
                if (bestK < 0 || v > best) {
                    best = v;
                    bestK = k;
                }
            }
            assertEquals(best, r.values().data[j], "value " + j);
            assertEquals(bestK, r.indices()[j], "index " + j);
        }
    }

    private static int[] removeDim(int[] shape, int d) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    @Test
    void sumAndMeanGradients() {
        Tensor x = Tensor.randn(new Generator(21), 3, 4, 5);
        GradCheck.check(in -> in[0].sum(), x);
        GradCheck.check(in -> in[0].mean(), x);
        GradCheck.check(in -> in[0].sum(1), x);
        GradCheck.check(in -> in[0].mean(-1), x);
        GradCheck.check(in -> in[0].sum(new int[] {0, 2}, true), x);
        GradCheck.check(in -> in[0].mean(new int[] {2, 0}, false), x);
        GradCheck.check(in -> in[0].sum(new int[] {-2}, true), x);
        GradCheck.check(in -> in[0].mean(new int[] {0, 1}, true), x);
    }

    @Test
    void maxGradientGoesToTheMaximum() {
        // Distinct values at least 0.1 apart (the step is 0.01), so no difference moves the argmax.
        Tensor x = Tensor.arange(60).mul(0.1f);
        Generator g = new Generator(22);
        for (int i = x.size() - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            float t = x.data[i];
            x.data[i] = x.data[j];
            x.data[j] = t;
        }
        Tensor cube = x.reshape(3, 4, 5).detach();
        for (int dim = -3; dim < 3; dim++) {
            int d = dim;
            GradCheck.check(in -> in[0].max(d, false).values(), cube);
            GradCheck.check(in -> in[0].max(d, true).values(), cube);
        }
    }

    @Test
    void maxTakesTheFirstOfTiesAndTreatsNaNAsLargest() {
        MaxResult ties = Tensor.of(new float[] {1f, 3f, 3f, 2f}).max(0, false);
        assertEquals(3f, ties.values().item());
        assertArrayEquals(new int[] {1}, ties.indices());
        MaxResult nan = Tensor.of(new float[] {1f, Float.NaN, 5f, Float.NaN}).max(0, false);
        assertTrue(Float.isNaN(nan.values().item()));
        assertArrayEquals(new int[] {1}, nan.indices());
        Tensor x = Tensor.of(new float[] {1f, 3f, 3f, 2f}).requiresGrad(true);
        x.max(0, false).values().backward();
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f}, x.grad().toArray());
    }

    @Test
    void reductionsOfScalarsAndEmptyDims() {
        Tensor s = Tensor.scalar(3f);
        assertEquals(3f, s.sum().item());
        assertEquals(3f, s.sum(0).item());
        assertEquals(3f, s.mean(new int[] {-1}, true).item());
        assertEquals(Shape.scalar(), s.max(0, true).values().shape());
        Tensor x = Tensor.randn(new Generator(23), 2, 3);
        assertTrue(x.sum(new int[0], false).contentEquals(x), "an empty dims array reduces nothing");
        assertEquals(0f, Tensor.zeros(3, 0).sum().item());
        assertTrue(Float.isNaN(Tensor.zeros(3, 0).mean().item()), "mean of nothing is NaN, as in PyTorch");
        assertArrayEquals(new float[] {0f, 0f, 0f}, Tensor.zeros(3, 0).sum(1).toArray());
    }

    @Test
    void errorsNameTheOpAndShape() {
        Tensor x = Tensor.zeros(2, 3);
        var bad = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
        assertTrue(bad.getMessage().contains("sum") && bad.getMessage().contains("[2, 3]"), bad.getMessage());
        var repeat = assertThrows(IllegalArgumentException.class, () -> x.mean(new int[] {1, -1}, false));
        assertTrue(repeat.getMessage().contains("mean") && repeat.getMessage().contains("more than once")
                && repeat.getMessage().contains("[2, 3]"), repeat.getMessage());
        var maxBad = assertThrows(IllegalArgumentException.class, () -> x.max(-3, false));
        assertTrue(maxBad.getMessage().contains("max") && maxBad.getMessage().contains("[2, 3]"), maxBad.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).max(1, false));
        assertTrue(empty.getMessage().contains("size 0"), empty.getMessage());
    }

    @Test
    void longSumsKeepFloatPrecision() {
        // A million copies of 0.1f: a float accumulator drifts by about 1%, a double one does not.
        Tensor x = Tensor.full(0.1f, 1000, 1000);
        assertEquals(100000.0 * 10 * 0.1f, x.sum().item(), 0.01);
        assertEquals(0.1f, x.mean().item(), 1e-8);
    }

    @Test
    void sumUsedTwiceAccumulates() {
        Tensor x = Tensor.randn(new Generator(24), 2, 3).requiresGrad(true);
        x.sum(0).add(x.sum(0)).sum().backward();
        assertArrayEquals(new float[] {2f, 2f, 2f, 2f, 2f, 2f}, x.grad().toArray());
    }
}
