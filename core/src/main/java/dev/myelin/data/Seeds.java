package dev.myelin.data;

/**
 * Derives the seeds of a loader's generators from its seed: one per epoch for the shuffle, one per
 * (epoch, sample) for augmentation. Each is a pure function of its arguments, which is what makes a
 * run independent of batching, threads and prefetching.
 */
final class Seeds {
    // Distinct starting words keep the shuffle stream and the sample streams apart.
    private static final long SHUFFLE = 0x5348_5546_464C_4553L;
    private static final long SAMPLE = 0x5341_4D50_4C45_5353L;

    private Seeds() {
    }

    /** The seed of the shuffle of {@code epoch}. */
    static long shuffle(long seed, int epoch) {
        return combine(combine(SHUFFLE, seed), epoch);
    }

    /** The seed of the augmentation of dataset sample {@code index} in {@code epoch}. */
    static long sample(long seed, int epoch, int index) {
        return combine(combine(combine(SAMPLE, seed), epoch), index);
    }

    /** Folds {@code word} into {@code hash} so that every input bit affects every output bit. */
    private static long combine(long hash, long word) {
        return mix(hash ^ mix(word + 0x9E37_79B9_7F4A_7C15L));
    }

    /** The SplitMix64 finaliser, a bijection on 64-bit words with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
