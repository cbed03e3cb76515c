package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The contiguous-run path of {@link Im2col} for stride-1 "same" convolutions (output rows as long as
 * input rows), checked against the definition and for adjointness, inside a wider column matrix.
 */
class Im2colSameConvTest {
    @Property(tries = 300)
    void sameConvolutionColumnsMatchTheDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 1, max = 12) int height, @ForAll @IntRange(min = 1, max = 12) int width,
            @ForAll @IntRange(min = 0, max = 2) int halfKernel, @ForAll @IntRange(min = 1, max = 2) int dilation,
            @ForAll @IntRange(min = 0, max = 3) int padRowsDelta) {
        int k = 2 * halfKernel + 1;
        int padW = dilation * halfKernel; // keeps the output row as long as the input row
        int padH = Math.max(0, padW - padRowsDelta); // the row padding may differ
        Window2d w = new Window2d(height, width, k, k, 1, 1, padH, padW, dilation, dilation);
        if (w.outHeight() <= 0) {
            return;
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[channels * height * width + 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        int l = w.outPlaneSize();
        int ld = l + 5; // a wider matrix, as when the batch sits side by side
        float[] cols = new float[channels * k * k * ld + 3];
        java.util.Arrays.fill(cols, Float.NaN);
        Im2col.im2col(channels, w, x, 1, cols, 3, ld);
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                    int row = 3 + ((c * k + kh) * k + kw) * ld;
                    for (int oh = 0; oh < w.outHeight(); oh++) {
                        for (int ow = 0; ow < w.outWidth(); ow++) {
                            int ih = oh - padH + kh * dilation;
                            int iw = ow - padW + kw * dilation;
                            boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                            float expected = inside ? x[1 + (c * height + ih) * width + iw] : 0f;
                            assertEquals(expected, cols[row + oh * w.outWidth() + ow]);
                        }
                    }
                }
            }
        }
        // Adjointness: <im2col(x), y> == <x, col2im(y)>, and col2im agrees with the general path.
        float[] y = new float[cols.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextDouble(-1, 1);
        }
        float[] folded = new float[x.length];
        Im2col.col2im(channels, w, y.clone(), 3, ld, folded, 1);
        double left = 0;
        for (int c = 0; c < channels * k * k; c++) {
            for (int j = 0; j < l; j++) {
                left += (double) cols[3 + c * ld + j] * y[3 + c * ld + j];
            }
        }
        double right = 0;
        for (int i = 1; i < 1 + channels * height * width; i++) {
            right += (double) x[i] * folded[i];
        }
        assertEquals(left, right, 1e-4 * (1 + Math.abs(left)));
        float[] general = new float[x.length];
        float[] compact = new float[channels * k * k * l];
        for (int c = 0; c < channels * k * k; c++) {
            System.arraycopy(y, 3 + c * ld, compact, c * l, l);
        }
        // Same sums in the same order as a padded-plane reference: compare with the reference twin's dx.
        ConvolutionReferenceCheck.col2imByDefinition(channels, w, compact, general, 1);
        for (int i = 0; i < x.length; i++) {
            assertEquals(general[i], folded[i], 1e-5, "pixel " + i);
        }
    }
}
