package dev.myelin.kernel;

/**
 * The block sizes of {@link VectorGemm}, derived from the caches of the core that runs it rather than
 * tuned on one CPU.
 *
 * <p>The micro-kernel reads {@code MR} rows of A, {@code kc} deep, once per B sliver it sweeps, and
 * streams the packed B panel ({@code kc x nc}) once per row sliver of A. So:
 * <ul>
 *   <li>{@code kc}: the A rows in use (at most {@value #MAX_MR} rows) take half of L1d, leaving the
 *       other half to the B sliver streaming through and to C;</li>
 *   <li>{@code nc}: the packed B panel takes half of L2, leaving the other half to A and C. A panel
 *       beyond L2 is streamed from L3 for every row sliver: with the panel 1024 columns wide, every
 *       GEMM with K and N beyond about 512 ran at 0.6x of the cache-sized one.</li>
 * </ul>
 * Only {@code kc} sets the order of the sums, so results stay bit-identical across thread counts on
 * one machine; on a machine with another L1d they differ in rounding.
 *
 * @param kc depth of a panel (floats), a multiple of 16
 * @param nc width of a packed B panel (columns); the GEMM rounds it down to whole slivers
 */
public record GemmBlocking(int kc, int nc) {
    /** Rows of the tallest micro-kernel tile (12 x 2 vectors). */
    static final int MAX_MR = 12;
    private static final int MIN_KC = 64;
    private static final int MAX_KC = 1024;

    public GemmBlocking {
        if (kc <= 0 || nc <= 0) {
            throw new IllegalArgumentException("block sizes must be positive: kc " + kc + ", nc " + nc);
        }
    }

    /** The blocking for this machine's caches. */
    public static GemmBlocking detected() {
        return Detected.BLOCKING;
    }

    private static final class Detected {
        static final GemmBlocking BLOCKING = forCaches(CacheSizes.detected());
    }

    /** The blocking for caches of these sizes. */
    public static GemmBlocking forCaches(CacheSizes caches) {
        long kc = caches.l1d() / 2 / (MAX_MR * Float.BYTES) / 16 * 16;
        int depth = (int) Math.clamp(kc, MIN_KC, MAX_KC);
        long nc = caches.l2() / 2 / ((long) depth * Float.BYTES);
        return new GemmBlocking(depth, (int) Math.clamp(nc, 16, 1 << 16));
    }
}
