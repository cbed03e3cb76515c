package dev.myelin.fashion.explore;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The leading eigenpairs of a symmetric positive semi-definite matrix, such as a covariance, by power
 * iteration with deflation: multiplying a vector by the matrix again and again turns it toward the
 * eigenvector of the largest eigenvalue; once that is found, the next is sought the same way with the
 * found directions projected out, that is with the deflated matrix {@code (I - V Vᵀ) C (I - V Vᵀ)},
 * where V holds the eigenvectors found so far. Every step is a Myelin tensor op.
 */
public final class PowerIteration {
    /**
     * When to stop iterating for one eigenpair.
     *
     * @param tolerance the eigenpair is taken as found when {@code ‖C v - λ v‖} is at most this times
     *     the largest eigenvalue
     * @param maxIterations the cap on matrix-vector products per eigenpair; an eigenpair that reaches
     *     it is kept, marked as not converged
     * @param seed the seed of the random start vectors
     */
    public record Settings(double tolerance, int maxIterations, long seed) {
        /**
         * A tolerance ten times above the rounding noise of float32 products on Fashion-MNIST's
         * covariance (1e-7 is still reached there), so that rounding cannot stall the iteration.
         */
        public static final Settings DEFAULT = new Settings(1e-6, 2_000, 42);
    }

    /**
     * One eigenpair.
     *
     * @param vector the unit eigenvector
     * @param value its eigenvalue
     * @param iterations the matrix-vector products it took
     * @param converged whether it met the tolerance before the iteration cap
     */
    public record Eigenpair(float[] vector, double value, int iterations, boolean converged) {}

    private PowerIteration() {}

    /** The {@code k} eigenpairs of {@code matrix} with the largest eigenvalues, largest first. */
    public static List<Eigenpair> top(Tensor matrix, int k, Settings settings) {
        return top(matrix, k, settings, found -> {});
    }

    /**
     * The {@code k} eigenpairs of {@code matrix} with the largest eigenvalues, largest first.
     *
     * @param pairsFound told how many eigenpairs are found so far, after each one
     */
    public static List<Eigenpair> top(Tensor matrix, int k, Settings settings, IntConsumer pairsFound) {
        int n = matrix.dim(0);
        if (matrix.rank() != 2 || matrix.dim(1) != n) {
            throw new IllegalArgumentException("power iteration needs a square matrix, not " + matrix.shape());
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("cannot find " + k + " eigenpairs of a " + n + "x" + n + " matrix");
        }
        Generator generator = new Generator(settings.seed());
        List<Tensor> found = new ArrayList<>();
        List<Eigenpair> pairs = new ArrayList<>();
        try (var noGraph = Grad.disabled()) {
            double largest = Double.NaN;
            for (int i = 0; i < k; i++) {
                Eigenpair pair = iterate(matrix, Tensor.randn(generator, n, 1), found, largest, settings);
                pairs.add(pair);
                if (i == 0) {
                    largest = pair.value();
                }
                found.add(Tensor.of(pair.vector(), n, 1));
                pairsFound.accept(i + 1);
            }
        }
        return List.copyOf(pairs);
    }

    /**
     * Power iteration from {@code start} on the matrix deflated by the eigenvectors already
     * {@code found}: each product has them projected out. Projecting the product, rather than
     * subtracting {@code λ v vᵀ} from the matrix once, also removes what rounding lets creep back.
     *
     * @param largest the largest eigenvalue, the scale of the tolerance; NaN while it is being sought
     */
    private static Eigenpair iterate(Tensor matrix, Tensor start, List<Tensor> found, double largest,
            Settings settings) {
        Tensor v = unit(orthogonalised(start, found));
        for (int iteration = 1; ; iteration++) {
            // The residual is that of the deflated matrix: measured on C alone, the small errors left in
            // the eigenvectors found would set a floor under it.
            Tensor product = orthogonalised(matrix.matmul(v), found);
            double value = dot(v, product);
            double residual = norm(product.sub(v.mul((float) value)));
            double scale = Double.isNaN(largest) ? Math.abs(value) : largest;
            if (residual <= settings.tolerance() * scale) {
                return new Eigenpair(v.toArray(), value, iteration, true);
            }
            if (iteration == settings.maxIterations()) {
                return new Eigenpair(v.toArray(), value, iteration, false);
            }
            // Not zero: a zero product would have had a zero residual.
            v = unit(product);
        }
    }

    private static Tensor orthogonalised(Tensor v, List<Tensor> basis) {
        for (Tensor u : basis) {
            v = v.sub(u.mul((float) dot(u, v)));
        }
        return v;
    }

    private static Tensor unit(Tensor v) {
        return v.div((float) norm(v));
    }

    private static double dot(Tensor a, Tensor b) {
        return a.mul(b).sum().item();
    }

    private static double norm(Tensor v) {
        return Math.sqrt(dot(v, v));
    }
}
