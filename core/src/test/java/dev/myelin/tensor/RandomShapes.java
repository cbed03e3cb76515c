package dev.myelin.tensor;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators of shapes for property tests: rank 1 to 4, dimensions drawn from small sizes, 1 and
 * primes (so that no size divides another by accident), at most {@value #MAX_SIZE} elements.
 */
final class RandomShapes {
    static final int MAX_SIZE = 3000;

    private RandomShapes() {
    }

    static Arbitrary<int[]> shapes() {
        return Arbitraries.of(1, 2, 3, 4, 7, 13, 17).list().ofMinSize(1).ofMaxSize(4)
                .filter(dims -> product(dims) <= MAX_SIZE)
                .map(dims -> dims.stream().mapToInt(Integer::intValue).toArray());
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
