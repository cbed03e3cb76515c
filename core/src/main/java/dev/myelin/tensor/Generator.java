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
 * can save and restore it exactly. Not thread-safe.
 */
public final class Generator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** The default generator's seed until {@link #manualSeed} is called: fixed, so that runs repeat (PyTorch's, too, is fixed). */
    public static final long DEFAULT_SEED = 67_280_421_310_721L;
    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);
    private long state;
    private double spareGaussian = Double.NaN;

    /** A generator whose sequence is fixed by {@code seed}. */
    public Generator(long seed) {
        this.state = seed;
    }

    /**
     * The generator that layers and functions use when not given one. Like every generator it is not
     * thread-safe: build models from one thread, or pass each thread its own generator.
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /**
     * Reseeds the {@linkplain #defaultGenerator() default generator}: from here it gives the same numbers
     * as {@code new Generator(seed)}. Myelin's {@code torch.manual_seed}.
     */
    public static void manualSeed(long seed) {
        DEFAULT.restore(new Generator(seed).state());
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform float in [0, 1), with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A uniform double in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in [0, bound), without modulo bias. */
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

    /** A standard normal sample (Box-Muller; the second value of each pair is kept for the next call). */
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

    /** The complete state, for checkpoints: pass it to {@link #restore(long[])} to continue the same sequence. */
    public long[] state() {
        return new long[] {state, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Restores a state returned by {@link #state()}. */
    public void restore(long[] saved) {
        if (saved.length != 2) {
            throw new IllegalArgumentException("a Generator state has 2 words, got " + saved.length);
        }
        state = saved[0];
        spareGaussian = Double.longBitsToDouble(saved[1]);
    }
}
