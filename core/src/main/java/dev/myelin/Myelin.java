package dev.myelin;

import dev.myelin.kernel.VectorSupport;
import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import java.util.function.Supplier;

/** Library-wide settings: how many threads the kernels use, the default seed, and whether the Vector API fast path is on. */
public final class Myelin {
    private Myelin() {
    }

    /**
     * Sets the number of threads for all kernels. Without a call, the count comes from the system
     * property {@code myelin.threads}, else the environment variable {@code MYELIN_THREADS}, else the
     * number of available processors. Results are bit-identical whatever the count.
     */
    public static void setThreads(int n) {
        Parallel.setThreads(n);
    }

    /** The number of threads the kernels use. */
    public static int threads() {
        return Parallel.threads();
    }

    /**
     * Runs {@code work} with every kernel inside it on the calling thread alone, leaving Myelin's
     * worker threads to others. For programs that spread independent work over their own threads,
     * such as a server answering requests at once: there, splitting each small request over all cores
     * costs more in hand-offs than it gains. Results are bit-identical either way.
     */
    public static <T> T onThisThread(Supplier<T> work) {
        return Parallel.inline(work);
    }

    /** Reseeds the default generator of the layers and functions that are not given one ({@code torch.manual_seed}). */
    public static void manualSeed(long seed) {
        Generator.manualSeed(seed);
    }

    /** Whether the Vector API kernels are in use ({@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorized() {
        return VectorSupport.AVAILABLE;
    }
}
