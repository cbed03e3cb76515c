package dev.myelin.tensor;

/**
 * A seeded source of random numbers. Every random initialisation, shuffle and dropout mask draws from
 * a {@code Generator}: one the caller passes in, or, for the constructors and functions that take
 * none, the {@linkplain #defaultGenerator() default generator}, which {@link #manualSeed(long)} reseeds
 * as {@code torch.manual_seed} does. Either way the same seed gives the same numbers, on every
 * machine and thread count.
 *
 * <p>The algorithm is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", 2014): one 64-bit word of state, which {@link #state()} exposes so that a checkpoint
 * can save and restore it exactly. Every draw derives from {@link #nextLong()}: uniform floats,
 * doubles and bounded ints, and standard normal samples (Box-Muller). The numbers differ from
 * PyTorch's for the same seed (its CPU generator is a Mersenne Twister); they are just as
 * reproducible. Not thread-safe.
 */
public final class Generator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /**
     * The default generator's seed until {@link #manualSeed} is called: fixed, so that runs repeat. It is
     * also the seed of an unseeded PyTorch generator ({@code default_rng_seed_val} in PyTorch's source),
     * though the numbers drawn from it differ.
     */
    public static final long DEFAULT_SEED = 67_280_421_310_721L;
    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);
    private long state;
    private double spareGaussian = Double.NaN;

    /**
     * A generator whose sequence is fixed by {@code seed}, as {@code torch.Generator().manual_seed(seed)}.
     *
     * @param seed any 64-bit value, used as the initial state
     */
    public Generator(long seed) {
        this.state = seed;
    }

    /**
     * The generator that layers and functions use when not given one, as PyTorch's default CPU generator.
     * It starts from {@link #DEFAULT_SEED} when the class loads and is reseeded by {@link #manualSeed}.
     * Like every generator it is not thread-safe: build models from one thread, or pass each thread its
     * own generator.
     *
     * @return the one process-wide default generator
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /**
     * Reseeds the {@linkplain #defaultGenerator() default generator}: from here it gives the same numbers
     * as {@code new Generator(seed)}. Myelin's {@code torch.manual_seed}.
     *
     * @param seed the new seed, any 64-bit value
     */
    public static void manualSeed(long seed) {
        DEFAULT.restore(new Generator(seed).state());
    }

    /**
     * The next 64 random bits: one SplitMix64 step (the state advances by the golden-ratio constant
     * {@code 0x9E3779B97F4A7C15}, and the new state is scrambled by xor-shifts and two multiplications).
     *
     * @return a long uniform over all 2^64 values
     */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform float in {@code [0, 1)}: the top 24 bits of {@link #nextLong()} times {@code 2^-24}, so
     * every multiple of {@code 2^-24} in the range is equally likely. Consumes one {@code nextLong}.
     *
     * @return a float {@code u} with {@code 0 <= u < 1}
     */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * A uniform double in {@code [0, 1)}: the top 53 bits of {@link #nextLong()} times {@code 2^-53}.
     * Consumes one {@code nextLong}.
     *
     * @return a double {@code u} with {@code 0 <= u < 1}
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform int in {@code [0, bound)}, without modulo bias: 32 random bits are drawn again while they
     * fall in the incomplete last block of {@code bound} values, then reduced modulo {@code bound}.
     *
     * @param bound the number of possible values, at least 1
     * @return an int in {@code [0, bound)}, each value equally likely
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        long r;
        do {
            r = nextLong() >>> 32;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /**
     * A sample of the standard normal distribution {@code N(0, 1)}, by the Box-Muller transform (Box and
     * Muller, 1958): from uniform {@code u1} in {@code (0, 1)} and {@code u2} in {@code [0, 1)},
     * {@code r = sqrt(-2 ln u1)} gives the independent normals {@code r cos(2π u2)}, returned now, and
     * {@code r sin(2π u2)}, kept for the next call. So each pair of calls consumes two {@link #nextDouble()}s
     * (more in the rare case {@code u1} is 0).
     *
     * @return a double from {@code N(0, 1)}
     */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = radius * Math.sin(2.0 * Math.PI * u2);
        return radius * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * The complete state, for checkpoints: pass it to {@link #restore(long[])} to continue the same sequence.
     *
     * @return a new array of 2 words: the SplitMix64 state, then the raw bits of the kept Gaussian sample
     *     (NaN when none is kept)
     */
    public long[] state() {
        return new long[] {state, Double.doubleToRawLongBits(spareGaussian)};
    }

    /**
     * Restores a state returned by {@link #state()}, of this or another generator: the draws that follow
     * are those that followed when the state was taken.
     *
     * @param saved the 2 words from {@link #state()}
     * @throws IllegalArgumentException if {@code saved} does not hold 2 words
     */
    public void restore(long[] saved) {
        if (saved.length != 2) {
            throw new IllegalArgumentException("a Generator state has 2 words, got " + saved.length);
        }
        state = saved[0];
        spareGaussian = Double.longBitsToDouble(saved[1]);
    }
}
