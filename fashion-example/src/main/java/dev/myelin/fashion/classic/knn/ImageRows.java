package dev.myelin.fashion.classic.knn;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.tensor.Tensor;

/** Images as the rows of one tensor {@code [n, 784]} of floats in [0, 1], the form the search takes. */
final class ImageRows {
    private ImageRows() {}

    /** Every image of {@code set}, each byte divided by 255 as {@link ImageSet#image} does. */
    static Tensor of(ImageSet set) {
        if (set.imageSize() != FashionMnist.PIXELS) {
            throw new IllegalArgumentException("images of " + set.rows() + "x" + set.cols() + " pixels, not 28x28");
        }
        byte[] pixels = set.pixels();
        // Filled in place: Tensor.of would copy the array, twice the memory for the 55,000 training images.
        Tensor rows = Tensor.zeros(set.size(), FashionMnist.PIXELS);
        float[] values = rows.array();
        int start = rows.arrayOffset();
        for (int i = 0; i < pixels.length; i++) {
            values[start + i] = (pixels[i] & 0xFF) / 255f;
        }
        return rows;
    }

    /** {@code images}, each of 784 finite values, one after the other. */
    static Tensor of(float[][] images) {
        Tensor rows = Tensor.zeros(images.length, FashionMnist.PIXELS);
        float[] values = rows.array();
        int start = rows.arrayOffset();
        for (int i = 0; i < images.length; i++) {
            float[] image = images[i];
            if (image.length != FashionMnist.PIXELS) {
                throw new IllegalArgumentException("image " + i + " has " + image.length + " pixels, not "
                        + FashionMnist.PIXELS);
            }
            for (int p = 0; p < image.length; p++) {
                if (!Float.isFinite(image[p])) {
                    throw new IllegalArgumentException("image " + i + " has pixel " + p + " = " + image[p]);
                }
            }
            System.arraycopy(image, 0, values, start + i * FashionMnist.PIXELS, FashionMnist.PIXELS);
        }
        return rows;
    }
}
