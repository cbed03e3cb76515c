package dev.myelin.tensor;

/**
 * A seeded source of random numbers. Myelin has no hidden global randomness: every random
 * initialisation, shuffle and dropout mask draws from a {@code Generator} that the caller passes in,
 * so the same seed always gives the same numbers, on every machine and thread count.
 *
 * <p>The algorithm is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", 2014): one 64-bit word of state, which {@link #state()} exposes so that a checkpoint
 * can save and restore it exactly. Not thread-safe.
 */
public final class Generator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareGaussian = Double.NaN;

    /** A generator whose sequence is fixed by {@code seed}. */
    public Generator(long seed) {
        this.state = seed;
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
