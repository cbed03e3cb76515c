package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * The weight and bias gradients of a convolution whose patch is shorter than its output channel
 * count, such as a greyscale first layer (9 taps, 32 channels): few outputs, each summed over every
 * position of every image. Each thread owns a band of output channels and walks the images in order.
 * For each image it builds the im2col columns ({@code P x L}, 28 KiB for a 28x28 image) and fetches its
 * channels' planes of dY, then adds their dot products with the columns ({@link Gemm#rowDots}) and
 * their sums to its channels' totals, in double.
 *
 * <p>dY is read one plane at a time, where the caller puts it ({@link Planes}): copied from a stored dY,
 * or scattered straight from a pooled gradient by the backward of {@link ConvReluPool}. That block then
 * never writes the whole batch's dY, which for the reference CNN's first layer is 6.4 MB at batch 64,
 * written by the pool's backward and read again for the bias, a channel-major copy and the dot
 * products: passes bound by memory that gained little from a second thread.
 *
 * <p>Every total adds the images in order, each image's term computed the same way in any band, so
 * results are bit-identical with any thread count, and the same for either source of the planes.
 */
public final class ShortPatchGradients {
    private ShortPatchGradients() {
    }

    /** Where the planes of dY come from. */
    @FunctionalInterface
    public interface Planes {
        /** Writes plane {@code (n, o)} of dY, {@code L} floats, to {@code out[outOff..]}. */
        void fill(int n, int o, float[] out, int outOff);
    }

    /**
     * Whether this path computes the weight gradient: one group (the only case it handles), and a
     * patch shorter than the output channel count.
     */
    public static boolean applies(ConvGeometry geometry) {
        return geometry.groups() == 1 && geometry.patch() < geometry.outChannels();
    }

    /** The planes of a dY stored {@code (batch, outChannels, L)} at {@code gy}. */
    public static Planes stored(ConvGeometry geometry, Floats gy) {
        int outChannels = geometry.outChannels();
        int outPlane = geometry.outPlane();
        return (n, o, out, outOff) -> System.arraycopy(gy.data(), gy.offset() + (n * outChannels + o) * outPlane,
                out, outOff, outPlane);
    }

    /**
     * {@code dw[o, q] = Σ_n Σ_l dY[n, o, l] · cols_n[q, l]} and, when {@code db} is not null,
     * {@code db[o] = Σ_n Σ_l dY[n, o, l]}; both overwritten. Only for {@link #applies one group}.
     */
    public static void compute(ConvGeometry geometry, Floats xs, Planes dy, Floats dws, Floats dbs) {
        if (geometry.groups() != 1) {
            throw new IllegalArgumentException("short-patch gradients handle one group, got " + geometry.groups());
        }
        int batch = geometry.batch();
        int channels = geometry.inChannels();
        int outChannels = geometry.outChannels();
        Window2d window = geometry.window();
        float[] x = xs.data();
        int xOff = xs.offset();
        float[] dw = dws.data();
        int dwOff = dws.offset();
        float[] db = dbs == null ? null : dbs.data();
        int dbOff = dbs == null ? 0 : dbs.offset();
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        int imageSize = channels * window.planeSize();
        int threads = Math.max(1, Math.min(Parallel.threadsHere(), outChannels));
        Parallel.forRange(threads, t -> {
            int first = outChannels * t / threads;
            int band = outChannels * (t + 1) / threads - first;
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            float[] planes = Scratch.floats(Scratch.CONV_IMAGE_OUTPUT, band * outPlane);
            float[] imageDots = new float[band * patch];
            float[] imageSums = new float[band];
            double[] dots = new double[band * patch];
            double[] sums = new double[band];
            int[] planesShape = {band, outPlane};
            boolean[] alongPlane = {false, true};
            for (int n = 0; n < batch; n++) {
                Im2col.im2col(channels, window, x, xOff + n * imageSize, cols, 0, outPlane);
                for (int o = 0; o < band; o++) {
                    dy.fill(n, first + o, planes, o * outPlane);
                }
                Gemm.rowDots(band, patch, outPlane, Matrix.of(planes, 0, outPlane),
                        Matrix.of(cols, 0, outPlane).transpose(), Matrix.of(imageDots, 0, patch));
                for (int i = 0; i < dots.length; i++) {
                    dots[i] += imageDots[i];
                }
                if (db != null) {
                    ReductionKernels.sum(planes, 0, planesShape, alongPlane, 1.0, imageSums, 0);
                    for (int o = 0; o < band; o++) {
                        sums[o] += imageSums[o];
                    }
                }
            }
            for (int i = 0; i < dots.length; i++) {
                dw[dwOff + first * patch + i] = (float) dots[i];
            }
            if (db != null) {
                for (int o = 0; o < band; o++) {
                    db[dbOff + first + o] = (float) sums[o];
                }
            }
        });
    }
}
