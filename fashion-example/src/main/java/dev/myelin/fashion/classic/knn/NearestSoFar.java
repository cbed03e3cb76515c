package dev.myelin.fashion.classic.knn;

/**
 * The {@code k} nearest candidates seen so far in one scan of the reference rows: a max-heap on
 * (distance, index), so the worst kept candidate is at the root and a farther one is rejected with
 * one comparison. Candidates must be offered in increasing index order; that is what lets an equal
 * distance be rejected without looking at the index (the kept one has the smaller index).
 */
final class NearestSoFar {
    private final int k;
    private final float[] distances;
    private final int[] indices;
    private int size;

    NearestSoFar(int k) {
        this.k = k;
        this.distances = new float[k];
        this.indices = new int[k];
    }

    /** Forgets every candidate, for the next query row. */
    void clear() {
        size = 0;
    }

    /** The distance a candidate must be below to be kept: infinite until k are kept, then the worst kept. */
    float bound() {
        return size < k ? Float.POSITIVE_INFINITY : distances[0];
    }

    /** Keeps reference row {@code index} at {@code distance} if it is among the k nearest so far. */
    void offer(float distance, int index) {
        if (size < k) {
            distances[size] = distance;
            indices[size] = index;
            siftUp(size++);
        } else if (distance < distances[0]) {
            distances[0] = distance;
            indices[0] = index;
            siftDown(0, size);
        }
    }

    /**
     * Writes the kept candidates nearest first, ties by the smaller index, to {@code outIndices} and
     * {@code outDistances} from {@code offset} on, and clears this.
     */
    void drainInto(int[] outIndices, float[] outDistances, int offset) {
        // Heap sort in place: the worst goes to the end each time, leaving the arrays in ascending order.
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        System.arraycopy(indices, 0, outIndices, offset, size);
        System.arraycopy(distances, 0, outDistances, offset, size);
        size = 0;
    }

    private void siftUp(int child) {
        while (child > 0) {
            int parent = (child - 1) / 2;
            if (!worse(child, parent)) {
                return;
            }
            swap(child, parent);
            child = parent;
        }
    }

    private void siftDown(int parent, int end) {
        while (true) {
            int worst = parent;
            int left = 2 * parent + 1;
            int right = left + 1;
            if (left < end && worse(left, worst)) {
                worst = left;
            }
            if (right < end && worse(right, worst)) {
                worst = right;
            }
            if (worst == parent) {
                return;
            }
            swap(parent, worst);
            parent = worst;
        }
    }

    /** Whether slot {@code a} is farther than slot {@code b}, the larger index counting as farther on a tie. */
    private boolean worse(int a, int b) {
        return distances[a] > distances[b] || (distances[a] == distances[b] && indices[a] > indices[b]);
    }

    private void swap(int a, int b) {
        float d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
        int i = indices[a];
        indices[a] = indices[b];
        indices[b] = i;
    }
}
