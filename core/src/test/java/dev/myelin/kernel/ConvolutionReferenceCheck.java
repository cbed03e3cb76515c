package dev.myelin.kernel;

/** col2im written straight from its definition, for tests of the fast paths. */
final class ConvolutionReferenceCheck {
    private ConvolutionReferenceCheck() {
    }

    static void col2imByDefinition(int channels, Window2d w, float[] cols, float[] x, int xOff) {
        int l = w.outPlaneSize();
        for (int c = 0; c < channels; c++) {
            for (int kh = 0; kh < w.kernelH(); kh++) {
                for (int kw = 0; kw < w.kernelW(); kw++) {
                    int row = ((c * w.kernelH() + kh) * w.kernelW() + kw) * l;
                    for (int oh = 0; oh < w.outHeight(); oh++) {
                        for (int ow = 0; ow < w.outWidth(); ow++) {
                            int ih = oh * w.strideH() - w.padH() + kh * w.dilationH();
                            int iw = ow * w.strideW() - w.padW() + kw * w.dilationW();
                            if (ih >= 0 && ih < w.height() && iw >= 0 && iw < w.width()) {
                                x[xOff + (c * w.height() + ih) * w.width() + iw] += cols[row + oh * w.outWidth() + ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
