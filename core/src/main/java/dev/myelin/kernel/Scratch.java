package dev.myelin.kernel;

/**
 * Per-thread scratch arrays that kernels reuse from call to call, so that a training step in steady
 * state allocates (almost) nothing: an array grows to the largest size asked for and then stays.
 * Each kernel uses its own slots; a slot's contents are garbage on entry.
 */
final class Scratch {
    static final int CONV_WEIGHT_GRAD = 0;
    static final int CONV_GRAD_TALL = 1;
    static final int CONV_IMAGE_COLUMNS = 2;
    static final int CONV_IMAGE_OUTPUT = 3;
    static final int CONV_IMAGE_CHANNELS_LAST = 4;
    static final int POOL_CHANNELS_LAST = 5;
    private static final int SLOTS = 6;
    static final int POOL_CHANNELS_LAST_INDEX = 0;
    private static final int INT_SLOTS = 1;

    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);
    private static final ThreadLocal<int[][]> INT_ARRAYS = ThreadLocal.withInitial(() -> new int[INT_SLOTS][0]);

    private Scratch() {
    }

    /** This thread's array for {@code slot}, at least {@code size} long. */
    static float[] floats(int slot, int size) {
        float[][] arrays = ARRAYS.get();
        if (arrays[slot].length < size) {
            arrays[slot] = new float[size];
        }
        return arrays[slot];
    }

    /** This thread's int array for {@code slot}, at least {@code size} long. */
    static int[] ints(int slot, int size) {
        int[][] arrays = INT_ARRAYS.get();
        if (arrays[slot].length < size) {
            arrays[slot] = new int[size];
        }
        return arrays[slot];
    }
}
