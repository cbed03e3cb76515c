package dev.myelin.fashion.classic.knn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of a {@link NearestNeighbours#search}: for each query row, the indices of its {@code k}
 * nearest reference rows and their squared Euclidean distances, nearest first, ties broken by the
 * smaller reference index.
 */
public final class Neighbours {
    private final int queries;
    private final int k;
    private final int[] indices;
    private final float[] distances;

    Neighbours(int queries, int k, int[] indices, float[] distances) {
        if (indices.length != queries * k || distances.length != queries * k) {
            throw new IllegalArgumentException("expected " + queries + " x " + k + " neighbours");
        }
        this.queries = queries;
        this.k = k;
        this.indices = indices;
        this.distances = distances;
    }

    /** The number of query rows. */
    public int queries() {
        return queries;
    }

    /** Neighbours per query row. */
    public int k() {
        return k;
    }

    /** The reference index of the {@code rank}-th nearest neighbour of {@code query} (0 is the nearest). */
    public int index(int query, int rank) {
        return indices[slot(query, rank)];
    }

    /** The squared distance from {@code query} to its {@code rank}-th nearest neighbour. */
    public float distance(int query, int rank) {
        return distances[slot(query, rank)];
    }

    /** The reference indices of the neighbours of {@code query}, nearest first. */
    public int[] indices(int query) {
        Objects.checkIndex(query, queries);
        return Arrays.copyOfRange(indices, query * k, (query + 1) * k);
    }

    /** The squared distances to the neighbours of {@code query}, nearest first. */
    public float[] distances(int query) {
        Objects.checkIndex(query, queries);
        return Arrays.copyOfRange(distances, query * k, (query + 1) * k);
    }

    private int slot(int query, int rank) {
        Objects.checkIndex(query, queries);
        Objects.checkIndex(rank, k);
        return query * k + rank;
    }
}
