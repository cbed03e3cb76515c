package dev.myelin.tensor;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random shapes for property tests. Dimensions come from sizes that catch the usual bugs: 1
 * (broadcast and degenerate loops), primes (no size divides another by accident) and sizes just
 * under and over a 16-lane vector (tails shorter than a vector).
 */
final class RandomShapes {
    static final int MAX_SIZE = 3000;
    private static final int[] SIZES = {1, 1, 2, 3, 5, 7, 13, 15, 16, 17};

    private RandomShapes() {
    }

    /** A jqwik generator of shapes of rank 1 to 4 with at most {@value #MAX_SIZE} elements. */
    static Arbitrary<int[]> shapes() {
        return Arbitraries.of(1, 2, 3, 4, 7, 13, 15, 16, 17).list().ofMinSize(1).ofMaxSize(4)
                .filter(dims -> product(dims) <= MAX_SIZE)
                .map(dims -> dims.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A shape of rank 1..maxRank drawn from a seeded generator. */
    static int[] shape(Generator g, int maxRank) {
        int[] dims = new int[1 + g.nextInt(maxRank)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = SIZES[g.nextInt(SIZES.length)];
        }
        return dims;
    }

    /** A shape that broadcasts to {@code full}: some leading dimensions dropped, some others set to 1. */
    static int[] broadcastableTo(Generator g, int[] full) {
        int drop = g.nextInt(full.length + 1);
        int[] dims = new int[full.length - drop];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = g.nextInt(3) == 0 ? 1 : full[i + drop];
        }
        return dims;
    }

    /** Row-major multi-index of flat position {@code flat}. */
    static int[] unravel(int flat, int[] dims) {
        int[] index = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = flat % dims[d];
            flat /= dims[d];
        }
        return index;
    }

    private static long product(List<Integer> dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }
}
