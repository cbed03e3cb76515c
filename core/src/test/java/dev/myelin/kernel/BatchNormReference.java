package dev.myelin.kernel;

/**
 * The plain scalar twins of {@link BatchNormKernels}, written the obvious way: each channel's values
 * are gathered into their own array, on one thread. Tests hold the kernels to them.
 */
public final class BatchNormReference {
    private BatchNormReference() {
    }

    public static void meanAndVariance(float[] x, int xOff, ChannelLayout layout, double[] mean, double[] var) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        for (int ch = 0; ch < c; ch++) {
            float[] v = gather(x, xOff, n, c, s, ch);
            double sum = 0;
            for (float f : v) {
                sum += f;
            }
            double mu = sum / v.length;
            double squares = 0;
            for (float f : v) {
                squares += (f - mu) * (f - mu);
            }
            mean[ch] = mu;
            var[ch] = squares / v.length;
        }
    }

    public static void normalize(float[] x, int xOff, ChannelLayout layout, double[] mean, double[] scale,
            double[] shift, float[] out, int outOff) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        for (int ch = 0; ch < c; ch++) {
            float[] v = gather(x, xOff, n, c, s, ch);
            float[] y = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                y[k] = (float) ((v[k] - mean[ch]) * scale[ch] + shift[ch]);
            }
            scatter(y, n, c, s, ch, out, outOff);
        }
    }

    public static void gradientSums(float[] g, int gOff, float[] x, int xOff, ChannelLayout layout, double[] mean,
            double[] sumG, double[] sumGCentered) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        for (int ch = 0; ch < c; ch++) {
            float[] gv = gather(g, gOff, n, c, s, ch);
            float[] xv = gather(x, xOff, n, c, s, ch);
            sumG[ch] = 0;
            sumGCentered[ch] = 0;
            for (int k = 0; k < gv.length; k++) {
                sumG[ch] += gv[k];
                sumGCentered[ch] += gv[k] * (xv[k] - mean[ch]);
            }
        }
    }

    public static void inputGradient(float[] g, int gOff, float[] x, int xOff, ChannelLayout layout,
            BatchNormGradientTerms terms, float[] out, int outOff) {
        int n = layout.samples(), c = layout.channels(), s = layout.positions();
        double[] mean = terms.mean(), scale = terms.scale(), gShift = terms.gShift(), xSlope = terms.xSlope();
        for (int ch = 0; ch < c; ch++) {
            float[] gv = gather(g, gOff, n, c, s, ch);
            float[] xv = gather(x, xOff, n, c, s, ch);
            float[] dx = new float[gv.length];
            for (int k = 0; k < gv.length; k++) {
                dx[k] = (float) (scale[ch] * (gv[k] - gShift[ch] - (xv[k] - mean[ch]) * xSlope[ch]));
            }
            scatter(dx, n, c, s, ch, out, outOff);
        }
    }

    /** The {@code n·s} values of channel {@code ch}, sample by sample. */
    private static float[] gather(float[] x, int off, int n, int c, int s, int ch) {
        float[] v = new float[n * s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                v[i * s + j] = x[off + (i * c + ch) * s + j];
            }
        }
        return v;
    }

    private static void scatter(float[] v, int n, int c, int s, int ch, float[] out, int off) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                out[off + (i * c + ch) * s + j] = v[i * s + j];
            }
        }
    }
}
