package dev.myelin;

import dev.myelin.kernel.VectorSupport;
import dev.myelin.parallel.Parallel;
import dev.myelin.tensor.Generator;
import java.util.function.Supplier;

/**
 * Library-wide settings: how many threads the kernels use, the default seed, and whether the Vector API
 * fast path is on. PyTorch's counterparts are {@code torch.set_num_threads}, {@code torch.get_num_threads}
 * and {@code torch.manual_seed}.
 */
public final class Myelin {
    private Myelin() {
    }

    /**
     * Sets the number of threads for all kernels, as {@code torch.set_num_threads}. Without a call, the
     * count comes from the system property {@code myelin.threads}, else the environment variable
     * {@code MYELIN_THREADS}, else the number of available processors. Results are bit-identical
     * whatever the count.
     *
     * @param n the number of threads, the calling one included, at least 1 (1 runs everything on the caller)
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public static void setThreads(int n) {
        Parallel.setThreads(n);
    }

    /**
     * The number of threads the kernels use, as {@code torch.get_num_threads}.
     *
     * @return the count set by {@link #setThreads(int)}, else the configured or default one; at least 1
     */
    public static int threads() {
        return Parallel.threads();
    }

    /**
     * Runs {@code work} with every kernel inside it on the calling thread alone, leaving Myelin's
     * worker threads to others. For programs that spread independent work over their own threads,
     * such as a server answering requests at once: there, splitting each small request over all cores
     * costs more in hand-offs than it gains. Results are bit-identical either way.
     *
     * @param <T>  the type of the result
     * @param work the computation to run on this thread, such as {@code () -> model.forward(x)}
     * @return what {@code work} returns
     */
    public static <T> T onThisThread(Supplier<T> work) {
        return Parallel.inline(work);
    }

    /**
     * Reseeds the default generator of the layers and functions that are not given one
     * ({@code torch.manual_seed}): from here it gives the same numbers as {@code new Generator(seed)}.
     *
     * @param seed any 64-bit value; the same seed gives the same weights, masks and shuffles
     */
    public static void manualSeed(long seed) {
        Generator.manualSeed(seed);
    }

    /**
     * Whether the Vector API kernels are in use.
     *
     * @return true when the JVM was started with {@code --add-modules jdk.incubator.vector}; false when the
     *         slower scalar kernels run instead (without that flag, or with the system property
     *         {@code myelin.scalar=true})
     */
    public static boolean vectorized() {
        return VectorSupport.AVAILABLE;
    }
}
