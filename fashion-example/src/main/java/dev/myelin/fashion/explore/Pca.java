package dev.myelin.fashion.explore;

import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Principal component analysis: the directions along which a data matrix varies most, found as the
 * leading eigenvectors of its {@link Covariance} by {@link PowerIteration}, and the projection of
 * other rows onto them.
 */
public final class Pca {
    /**
     * One principal component.
     *
     * @param direction the unit vector, one value per column of the data
     * @param variance the variance of the data along it (its covariance eigenvalue)
     * @param explained {@code variance} as a share of the data's total variance
     * @param iterations the power-iteration steps it took
     * @param converged whether power iteration met its tolerance
     */
    public record Component(float[] direction, double variance, double explained, int iterations, boolean converged) {}

    private final Tensor mean;
    private final List<Component> components;
    private final double totalVariance;
    private final int fitRows;

    private Pca(Tensor mean, List<Component> components, double totalVariance, int fitRows) {
        this.mean = mean;
        this.components = components;
        this.totalVariance = totalVariance;
        this.fitRows = fitRows;
    }

    /** The first {@code count} principal components of {@code rows}. */
    public static Pca fit(Rows rows, int count, PowerIteration.Settings settings) {
        return fit(Covariance.of(rows, done -> {}), count, settings, found -> {});
    }

    /**
     * The first {@code count} principal components of the data whose covariance is given.
     *
     * @param componentsFound told how many components are found so far, after each one
     */
    public static Pca fit(Covariance covariance, int count, PowerIteration.Settings settings,
            IntConsumer componentsFound) {
        double total = covariance.totalVariance();
        List<Component> components = new ArrayList<>();
        for (PowerIteration.Eigenpair pair : PowerIteration.top(covariance.matrix(), count, settings, componentsFound)) {
            double explained = total > 0 ? pair.value() / total : 0;
            components.add(new Component(pair.vector(), pair.value(), explained, pair.iterations(), pair.converged()));
        }
        return new Pca(covariance.mean(), List.copyOf(components), total, covariance.count());
    }

    public List<Component> components() {
        return components;
    }

    /** The sum of the variances of all columns; each component explains a share of it. */
    public double totalVariance() {
        return totalVariance;
    }

    /** How many rows the components were fitted on. */
    public int fitRows() {
        return fitRows;
    }

    /**
     * The coordinates of {@code rows} along the first {@code dims} components: each row, minus the
     * mean of the fitted data, times the components.
     *
     * @return one array of {@code dims} coordinates per row
     */
    public float[][] project(Rows rows, int dims) {
        if (dims < 1 || dims > components.size()) {
            throw new IllegalArgumentException("cannot project onto " + dims + " of " + components.size() + " components");
        }
        int width = mean.dim(0);
        float[] basis = new float[width * dims];
        for (int j = 0; j < dims; j++) {
            float[] direction = components.get(j).direction();
            for (int i = 0; i < width; i++) {
                basis[i * dims + j] = direction[i];
            }
        }
        float[][] points = new float[rows.count()][];
        try (var noGraph = Grad.disabled()) {
            Tensor directions = Tensor.of(basis, width, dims);
            for (int from = 0; from < rows.count(); from += Covariance.BLOCK_ROWS) {
                int to = Math.min(rows.count(), from + Covariance.BLOCK_ROWS);
                Tensor block = Tensor.of(rows.block(from, to), to - from, width);
                float[] coordinates = block.sub(mean).matmul(directions).toArray();
                for (int r = from; r < to; r++) {
                    int at = (r - from) * dims;
                    points[r] = Arrays.copyOfRange(coordinates, at, at + dims);
                }
            }
        }
        return points;
    }
}
