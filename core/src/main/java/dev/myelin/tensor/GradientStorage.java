package dev.myelin.tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recycled storage for the gradients that flow between the nodes of one backward pass, and for
 * activations a backward pass has released ({@link ActivationReuse}). Those gradients never leave
 * the engine (a leaf's gradient is copied into its {@code grad}), so once the node that consumed one
 * has run, its array can serve a later node, or the next step, of the same size. The reference CNN's
 * step otherwise allocates and zeroes about 50 MB.
 *
 * <p>Ops opt in, one allocation at a time, through {@link #uninitialized}: only where the kernel
 * overwrites every element, because a recycled array holds old values. Each gradient array handed out
 * during a backward pass is reference-counted by the gradients that hold it (a node may pass its
 * incoming gradient straight on, or return one tensor for two inputs), and goes back to this thread's
 * free lists when the count drops to zero. Free arrays are kept per thread, by length, up to
 * {@link #MAX_FREE_FLOATS}.
 */
final class GradientStorage {
    /** At most 256 MiB of free arrays per thread: more than one backward pass of the example networks needs. */
    static final long MAX_FREE_FLOATS = 64L << 20;

    private static final ThreadLocal<GradientStorage> ACTIVE = new ThreadLocal<>();
    private static final ThreadLocal<FreeArrays> FREE = ThreadLocal.withInitial(FreeArrays::new);

    /** Tests: fill every recycled array with NaN, so that an op that reads before it writes shows. */
    static volatile boolean poisonForTests;
    /** Tests: allocate fresh zeroed arrays as if there were no recycling, for comparison. */
    static volatile boolean disabledForTests;

    private final FreeArrays free = FREE.get();
    /** Arrays handed out during this pass, with the number of pending gradients that hold each. */
    private final Map<float[], Integer> references = new IdentityHashMap<>();

    private GradientStorage() {
    }

    /** Starts recycling on this thread for one backward pass; {@link #close()} ends it. */
    static GradientStorage open() {
        GradientStorage storage = new GradientStorage();
        ACTIVE.set(storage);
        return storage;
    }

    void close() {
        ACTIVE.remove();
    }

    /**
     * A tensor whose every element the caller will overwrite, on a recycled array when this thread
     * has one of the size. Inside a backward pass the array is tracked as a gradient.
     */
    static Tensor uninitialized(Shape shape) {
        int size = shape.size();
        if (disabledForTests || size == 0) {
            return Tensor.empty(shape);
        }
        float[] data = FREE.get().take(size);
        if (data == null) {
            data = new float[size];
        } else if (poisonForTests) {
            Arrays.fill(data, Float.NaN);
        }
        GradientStorage storage = ACTIVE.get();
        if (storage != null) {
            storage.references.put(data, 0);
        }
        return new Tensor(data, 0, shape);
    }

    /** An index array for a kernel that writes every element (max-pool's argmax), recycled when this thread has one. */
    static int[] indices(int size) {
        int[] array = disabledForTests || size == 0 ? null : FREE.get().takeInts(size);
        if (array == null) {
            return new int[size];
        }
        if (poisonForTests) {
            Arrays.fill(array, Integer.MIN_VALUE);
        }
        return array;
    }

    /** An index array its node no longer needs: free for reuse on this thread. */
    static void reuse(int[] array) {
        if (!disabledForTests) {
            FREE.get().give(array);
        }
    }

    /** An activation array no node reads any more ({@link ActivationReuse}): free for reuse on this thread. */
    static void reuse(float[] array) {
        if (!disabledForTests) {
            FREE.get().give(array);
        }
    }

    /** {@code g} is now held by one more pending gradient. */
    void hold(Tensor g) {
        references.computeIfPresent(g.data, (array, count) -> count + 1);
    }

    /** One holder of {@code g} is done with it; the array is free once nobody holds it. */
    void release(Tensor g) {
        Integer count = references.get(g.data);
        if (count == null) {
            return; // not ours: the seed, a view, or a tensor an op made some other way
        }
        if (count <= 1) {
            references.remove(g.data);
            free.give(g.data);
        } else {
            references.put(g.data, count - 1);
        }
    }

    /** A gradient nobody took (its input needs none): free it unless another holder has it. */
    void discard(Tensor g) {
        Integer count = references.get(g.data);
        if (count != null && count == 0) {
            references.remove(g.data);
            free.give(g.data);
        }
    }

    /** A gradient an op made and used up inside its own backward: free for the next allocation. */
    static void recycle(Tensor scratch) {
        GradientStorage storage = ACTIVE.get();
        if (storage != null) {
            storage.discard(scratch);
        }
    }

    /** One thread's free arrays, by exact length; int arrays count towards the same limit. */
    private static final class FreeArrays {
        private final Map<Integer, ArrayDeque<float[]>> floatsByLength = new HashMap<>();
        private final Map<Integer, ArrayDeque<int[]>> intsByLength = new HashMap<>();
        private long elements;

        float[] take(int length) {
            return take(floatsByLength, length);
        }

        int[] takeInts(int length) {
            return take(intsByLength, length);
        }

        void give(float[] array) {
            give(floatsByLength, array, array.length);
        }

        void give(int[] array) {
            give(intsByLength, array, array.length);
        }

        private <A> A take(Map<Integer, ArrayDeque<A>> byLength, int length) {
            ArrayDeque<A> arrays = byLength.get(length);
            A array = arrays == null ? null : arrays.poll();
            if (array != null) {
                elements -= length;
            }
            return array;
        }

        private <A> void give(Map<Integer, ArrayDeque<A>> byLength, A array, int length) {
            if (elements + length > MAX_FREE_FLOATS) {
                return; // left to the garbage collector
            }
            byLength.computeIfAbsent(length, l -> new ArrayDeque<>()).push(array);
            elements += length;
        }
    }
}
