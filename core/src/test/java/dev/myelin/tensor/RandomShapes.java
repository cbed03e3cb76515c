package dev.myelin.tensor;

/**
 * Random shapes for property tests, drawn from a seeded generator. Dimensions come from sizes that
 * catch the usual bugs: 1 (broadcast and degenerate loops), primes (no accidental divisibility) and
 * sizes just under and over a 16-lane vector (tails shorter than a vector).
 */
final class RandomShapes {
    private static final int[] SIZES = {1, 1, 2, 3, 5, 7, 13, 15, 16, 17};

    private RandomShapes() {
    }

    /** A shape of rank 1..maxRank. */
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
}
