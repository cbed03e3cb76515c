package dev.myelin.fashion.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the tensor PCA against plain double arithmetic written here: a covariance summed element by
 * element, and a cyclic Jacobi eigen-solver.
 */
class PcaTest {
    /** Variances along the hidden axes of the test data, well apart so that each axis is recoverable. */
    private static final double[] VARIANCES = {16, 9, 6, 4, 2.5, 1.5, 0.8, 0.3};
    private static final int ROWS = 4_000;

    /** Rows {@code x = Q (σ ⊙ z) + shift}, z standard normal: covariance Q diag(σ²) Qᵀ, with Q's columns as axes. */
    private record Data(float[][] rows, double[][] axes) {}

    private static Data data(long seed) {
        Random random = new Random(seed);
        int d = VARIANCES.length;
        double[][] axes = orthonormalColumns(d, random);
        float[][] rows = new float[ROWS][d];
        for (float[] row : rows) {
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = Math.sqrt(VARIANCES[j]) * random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double x = 3 + i; // an offset, so that centring matters
                for (int j = 0; j < d; j++) {
                    x += axes[j][i] * z[j];
                }
                row[i] = (float) x;
            }
        }
        return new Data(rows, axes);
    }

    @Test
    void componentsAreTheEigenvectorsOfTheCovariance() {
        Data data = data(7);
        Pca pca = Pca.fit(Rows.of(data.rows()), 5, PowerIteration.Settings.DEFAULT);
        double[][] covariance = covariance(data.rows());
        double[] eigenvalues = jacobiEigenvalues(covariance);
        double largest = eigenvalues[0];
        List<Pca.Component> components = pca.components();

        assertEquals(5, components.size());
        for (int k = 0; k < components.size(); k++) {
            Pca.Component component = components.get(k);
            double[] v = doubles(component.direction());
            double[] cv = times(covariance, v);
            double residual = 0;
            for (int i = 0; i < v.length; i++) {
                residual += Math.pow(cv[i] - component.variance() * v[i], 2);
            }
            assertTrue(Math.sqrt(residual) < 1e-4 * largest, "C v = λ v for PC" + (k + 1) + ", residual " + Math.sqrt(residual));
            assertEquals(eigenvalues[k], component.variance(), 1e-4 * largest, "eigenvalue " + (k + 1));
            assertTrue(component.converged(), "PC" + (k + 1) + " converged");
            if (k > 0) {
                assertTrue(component.variance() < components.get(k - 1).variance(), "eigenvalues descend");
            }
            for (int j = 0; j <= k; j++) {
                double dot = dot(v, doubles(components.get(j).direction()));
                assertEquals(j == k ? 1 : 0, dot, 1e-5, "PC" + (j + 1) + " · PC" + (k + 1));
            }
        }
    }

    @Test
    void explainedVarianceIsAShareOfTheTrace() {
        Data data = data(11);
        Pca pca = Pca.fit(Rows.of(data.rows()), 3, PowerIteration.Settings.DEFAULT);
        double[][] covariance = covariance(data.rows());
        double trace = 0;
        for (int i = 0; i < covariance.length; i++) {
            trace += covariance[i][i];
        }

        assertEquals(trace, pca.totalVariance(), 1e-4 * trace);
        for (Pca.Component component : pca.components()) {
            assertEquals(component.variance() / trace, component.explained(), 1e-5);
        }
        // The sample came from known variances; with 4,000 rows it lands within a few percent of them.
        double total = Arrays.stream(VARIANCES).sum();
        assertEquals(VARIANCES[0] / total, pca.components().get(0).explained(), 0.03);
    }

    @Test
    void componentsFindTheHiddenAxes() {
        Data data = data(13);
        Pca pca = Pca.fit(Rows.of(data.rows()), 4, PowerIteration.Settings.DEFAULT);
        for (int k = 0; k < 4; k++) {
            double cosine = Math.abs(dot(doubles(pca.components().get(k).direction()), data.axes()[k]));
            assertTrue(cosine > 0.99, "PC" + (k + 1) + " lies along hidden axis " + (k + 1) + ": cos " + cosine);
        }
    }

    @Test
    void projectionCentresOnTheFittedMeanAndSpreadsByTheEigenvalues() {
        Data data = data(17);
        Pca pca = Pca.fit(Rows.of(data.rows()), 2, PowerIteration.Settings.DEFAULT);
        float[][] points = pca.project(Rows.of(data.rows()), 2);

        assertEquals(ROWS, points.length);
        for (int axis = 0; axis < 2; axis++) {
            double sum = 0;
            double squares = 0;
            for (float[] p : points) {
                sum += p[axis];
                squares += p[axis] * p[axis];
            }
            double mean = sum / ROWS;
            assertEquals(0, mean, 1e-3, "projected data is centred");
            assertEquals(pca.components().get(axis).variance(), (squares - ROWS * mean * mean) / (ROWS - 1),
                    1e-3 * pca.components().get(0).variance(), "variance along PC" + (axis + 1));
        }
    }

    @Test
    void aRankDeficientMatrixGivesZeroEigenvaluesStillOrthogonal() {
        // Rows on a line in 3-D: one non-zero eigenvalue.
        float[][] rows = new float[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[] {i, 2 * i, -i};
        }
        Pca pca = Pca.fit(Rows.of(rows), 3, PowerIteration.Settings.DEFAULT);

        List<Pca.Component> c = pca.components();
        assertEquals(1, c.get(0).explained(), 1e-5);
        assertEquals(0, c.get(1).variance(), 1e-4 * c.get(0).variance());
        assertEquals(0, c.get(2).variance(), 1e-4 * c.get(0).variance());
        assertEquals(0, dot(doubles(c.get(1).direction()), doubles(c.get(0).direction())), 1e-5);
        assertEquals(0, dot(doubles(c.get(2).direction()), doubles(c.get(1).direction())), 1e-5);
        assertEquals(1, dot(doubles(c.get(2).direction()), doubles(c.get(2).direction())), 1e-5);
    }

    @Test
    void theIterationCapIsHonouredAndReported() {
        Tensor matrix = Tensor.of(new float[] {2, 0, 0, 1.999f}, 2, 2);
        List<PowerIteration.Eigenpair> pairs = PowerIteration.top(matrix, 1, new PowerIteration.Settings(1e-9, 3, 1));

        assertEquals(3, pairs.getFirst().iterations());
        assertFalse(pairs.getFirst().converged());
    }

    // ------------------------------------------------------------------ the independent check, in doubles

    private static double[][] covariance(float[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] row : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i] / (double) rows.length;
            }
        }
        double[][] c = new double[d][d];
        for (float[] row : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (rows.length - 1);
                }
            }
        }
        return c;
    }

    /** The eigenvalues of a symmetric matrix by cyclic Jacobi rotations, largest first. */
    private static double[] jacobiEigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-24) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // The rotation that zeroes a[p][q]: tan 2θ = 2 a_pq / (a_qq - a_pp).
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        Arrays.sort(values);
        for (int i = 0; i < n / 2; i++) {
            double swap = values[i];
            values[i] = values[n - 1 - i];
            values[n - 1 - i] = swap;
        }
        return values;
    }

    @Test
    void theJacobiSolverItselfIsRight() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1; a diagonal matrix has its diagonal.
        double[] values = jacobiEigenvalues(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, values[0], 1e-12);
        assertEquals(1, values[1], 1e-12);
        double[] diagonal = jacobiEigenvalues(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}});
        assertEquals(List.of(5.0, 3.0, 1.0), Arrays.stream(diagonal).boxed().toList());
    }

    /** Columns of a random orthonormal matrix, by Gram-Schmidt on Gaussian vectors; {@code axes[j]} is column j. */
    private static double[][] orthonormalColumns(int d, Random random) {
        double[][] axes = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                axes[j][i] = random.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = dot(axes[j], axes[k]);
                for (int i = 0; i < d; i++) {
                    axes[j][i] -= dot * axes[k][i];
                }
            }
            double norm = Math.sqrt(dot(axes[j], axes[j]));
            for (int i = 0; i < d; i++) {
                axes[j][i] /= norm;
            }
        }
        return axes;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(m[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
