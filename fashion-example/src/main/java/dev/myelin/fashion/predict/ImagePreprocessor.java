package dev.myelin.fashion.predict;

import dev.myelin.fashion.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns a picture of any size and colour into a 28x28 Fashion-MNIST-like image, following how the
 * dataset was made (Xiao et al. 2017, section 2): trim the background edges, resize so that the
 * longest edge is 28 pixels, centre on a black 28x28 canvas, with a light object on black.
 *
 * <ol>
 *   <li>Luminance {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, as PIL's {@code convert("L")});
 *       transparent pixels count as background.
 *   <li>With {@code invert} (for a photo of a dark object on a light background, like the shop photos
 *       the dataset started from) the intensities are negated, as the dataset's authors did.
 *   <li>Background level: the mean of the four corners. Edges whose pixels all lie within 5% of it
 *       are trimmed, the paper's rule. Then the background level is subtracted and the rest
 *       stretched back to [0, 1], so a grey backdrop becomes the black of the dataset (our addition).
 *   <li>The longest edge is resized to 28 keeping the aspect ratio, by area averaging (the paper
 *       subsampled and then sharpened; averaging does not alias on large photos).
 *   <li>The result is centred on a 28x28 black canvas.
 * </ol>
 */
public final class ImagePreprocessor {
    /** Pictures larger than this (in pixels) are refused before they are decoded. */
    public static final long MAX_PIXELS = 100_000_000L;
    /**
     * Above {@link #FREE_PIXELS}, a picture may claim at most this many pixels per byte of its file. A
     * real picture, even a flat drawing, needs far more bytes than that (deflate, under PNG, cannot
     * inflate one byte into more than 1032); a cut or crafted file that claims millions of pixels in a
     * few bytes would otherwise have the decoder allocate and fill them all, for seconds.
     */
    public static final long PIXELS_PER_BYTE = 1024;
    /** Pictures up to this many pixels (256 x 256) are decoded whatever their file size. */
    public static final long FREE_PIXELS = 1L << 16;

    /** Deeper samples than this (32-bit float TIFFs, damaged headers) are refused before decoding. */
    private static final int MAX_BITS_PER_SAMPLE = 16;
    private static final float TRIM_TOLERANCE = 0.05f;
    private static final int SIZE = FashionMnist.ROWS;

    private ImagePreprocessor() {}

    /**
     * Reads a picture file and converts it as the class comment describes.
     *
     * @param file a PNG, JPEG, GIF, BMP or TIFF file
     * @param invert true for a dark object on a light background (a photo), false for a light object on
     *     black (like the dataset)
     * @return 784 pixels in [0, 1], row-major 28x28, light object on black
     * @throws ImageInputException if the file is missing, not a picture, or too large (see {@link #MAX_PIXELS})
     * @throws IOException if the file cannot be read
     */
    public static float[] load(Path file, boolean invert) throws IOException {
        return convert(read(file), invert);
    }

    /**
     * Converts a decoded picture as the class comment describes.
     *
     * @param image a picture of any size and colour model; transparent pixels count as background
     * @param invert true for a dark object on a light background (a photo), false for a light object on black
     * @return 784 pixels in [0, 1], row-major 28x28, light object on black
     */
    public static float[] convert(BufferedImage image, boolean invert) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] gray = luminance(image, invert);
        float background = (gray[0] + gray[width - 1] + gray[(height - 1) * width] + gray[height * width - 1]) / 4;
        int[] box = trim(gray, width, height, background);
        int w = box[2] - box[0];
        int h = box[3] - box[1];
        float[] cropped = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = gray[(box[1] + y) * width + box[0] + x];
                cropped[y * w + x] = background < 1 ? Math.max(0, (v - background) / (1 - background)) : 0;
            }
        }
        double scale = (double) SIZE / Math.max(w, h);
        int newW = Math.clamp(Math.round(w * scale), 1, SIZE);
        int newH = Math.clamp(Math.round(h * scale), 1, SIZE);
        float[] resized = resizeArea(cropped, w, h, newW, newH);
        float[] canvas = new float[SIZE * SIZE];
        int left = (SIZE - newW) / 2;
        int top = (SIZE - newH) / 2;
        for (int y = 0; y < newH; y++) {
            System.arraycopy(resized, y * newW, canvas, (top + y) * SIZE + left, newW);
        }
        return canvas;
    }

    /** Decodes a picture after checking, from its header, that its size is reasonable. */
    static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageInputException(file, Files.isDirectory(file) ? "is a directory, not a picture"
                    : Files.exists(file) ? "is not a regular file (a FIFO, socket or device), not a picture"
                    : "no such file");
        }
        long bytes = Files.size(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString(), Integer.MAX_VALUE, bytes);
        } catch (ImageInputException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageInputException(file, "cannot read the image: " + e.getMessage());
        }
    }

    /**
     * Decodes a picture held in memory (a PNG or JPEG upload, say), refusing it from its header alone,
     * before any pixel is decoded, when a side is longer than {@code maxSide} pixels.
     *
     * @param bytes the picture's file contents (PNG, JPEG, GIF, BMP or TIFF)
     * @param source what to call the bytes in an error message
     * @param maxSide the longest side accepted, in pixels; {@link #MAX_PIXELS} and
     *     {@link #PIXELS_PER_BYTE} apply as well
     * @return the decoded picture
     * @throws ImageInputException if the bytes are not a picture, or the picture is too large
     */
    public static BufferedImage decode(byte[] bytes, String source, int maxSide) throws ImageInputException {
        // In memory: ImageIO.createImageInputStream would cache the stream in a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(in, source, maxSide, bytes.length);
        } catch (ImageInputException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageInputException(source, "cannot read the image: " + e.getMessage());
        }
    }

    private static BufferedImage decode(ImageInputStream in, String source, int maxSide, long fileBytes)
            throws ImageInputException {
        Iterator<ImageReader> readers;
        try {
            readers = in == null ? null : ImageIO.getImageReaders(in);
        } catch (RuntimeException e) {
            throw new ImageInputException(source, "cannot tell the image format: " + e);
        }
        if (readers == null || !readers.hasNext()) {
            throw new ImageInputException(source, "not an image this program can read (PNG, JPEG, GIF, BMP, TIFF)");
        }
        ImageReader reader = readers.next();
        try {
            if ("bmp".equalsIgnoreCase(reader.getFormatName())) {
                checkBmpHeader(in, source, fileBytes);
            }
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width > maxSide || height > maxSide) {
                throw new ImageInputException(source, "a " + width + "x" + height + " image is too large (at most "
                        + maxSide + " pixels a side)");
            }
            if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
                throw new ImageInputException(source, "a " + width + "x" + height + " image is too large (at most "
                        + MAX_PIXELS / 1_000_000 + " megapixels)");
            }
            if (width * height > Math.max(FREE_PIXELS, PIXELS_PER_BYTE * fileBytes)) {
                throw new ImageInputException(source, "a " + width + "x" + height + " image in only " + fileBytes
                        + " bytes: the file is cut short or damaged (at most " + PIXELS_PER_BYTE
                        + " pixels a byte are decoded)");
            }
            // A TIFF whose bits per sample a flipped bit made 27 took the reader 2.4 s on 12x9 pixels.
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            for (int bits : raw == null ? new int[0] : raw.getSampleModel().getSampleSize()) {
                if (bits > MAX_BITS_PER_SAMPLE) {
                    throw new ImageInputException(source, "samples of " + bits + " bits are not read (at most "
                            + MAX_BITS_PER_SAMPLE + " a channel)");
                }
            }
            return reader.read(0);
        } catch (ImageInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders throw odd runtime exceptions on damaged files, often without a message.
            throw new ImageInputException(source, "cannot decode the image: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } finally {
            reader.dispose();
        }
    }

    /**
     * Refuses, from its header, a BMP that the JDK's reader would spend seconds or gigabytes on: one
     * holding an embedded JPEG or PNG (compression 4 or 5), whose declared size the reader allocates
     * before reading (a 378-byte file claiming 1.2 GB took 3 s), and any whose bitmap data is declared
     * larger than the file. Older headers (under 40 bytes) have neither field.
     */
    private static void checkBmpHeader(ImageInputStream in, String source, long fileBytes) throws IOException {
        byte[] header = new byte[38];
        in.mark();
        int read;
        try {
            read = in.read(header);
        } finally {
            in.reset();
        }
        if (read < header.length || littleEndian(header, 14) < 40) {
            return;
        }
        long compression = littleEndian(header, 30);
        if (compression == 4 || compression == 5) {
            throw new ImageInputException(source, "a BMP holding an embedded " + (compression == 4 ? "JPEG" : "PNG")
                    + " is not read: save the picture as a PNG, JPEG or plain BMP");
        }
        long declared = littleEndian(header, 34);
        if (declared > fileBytes) {
            throw new ImageInputException(source, "the BMP declares " + declared + " bytes of pixels in a file of "
                    + fileBytes + ": it is cut short or damaged");
        }
    }

    /** The unsigned 32-bit little-endian number at {@code at}. */
    private static long littleEndian(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    /** Luminance in [0, 1], transparent parts as background, negated when {@code invert}. */
    static float[] luminance(BufferedImage image, boolean invert) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] gray = new float[width * height];
        int[] row = new int[width];
        float backdrop = invert ? 1 : 0; // what shows through transparency, before negation
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                float alpha = (argb >>> 24) / 255f;
                float luma = (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF)) / 255f;
                float v = alpha * luma + (1 - alpha) * backdrop;
                gray[y * width + x] = Math.clamp(invert ? 1 - v : v, 0f, 1f);
            }
        }
        return gray;
    }

    /**
     * The smallest box {x0, y0, x1, y1} (end exclusive) outside which every pixel lies within 5% of
     * the background; the whole image when it is all background.
     */
    static int[] trim(float[] gray, int width, int height, float background) {
        int x0 = width;
        int y0 = height;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (Math.abs(gray[y * width + x] - background) > TRIM_TOLERANCE) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return x1 == 0 ? new int[] {0, 0, width, height} : new int[] {x0, y0, x1, y1};
    }

    /**
     * Resamples by area: each output pixel is the mean of the input area it covers, with partial
     * pixels weighted by their overlap. Exact for any scale, up or down.
     */
    static float[] resizeArea(float[] src, int srcW, int srcH, int dstW, int dstH) {
        float[] dst = new float[dstW * dstH];
        double sx = (double) srcW / dstW;
        double sy = (double) srcH / dstH;
        for (int oy = 0; oy < dstH; oy++) {
            double top = oy * sy;
            double bottom = top + sy;
            for (int ox = 0; ox < dstW; ox++) {
                double left = ox * sx;
                double right = left + sx;
                double sum = 0;
                for (int y = (int) top; y < Math.min(srcH, Math.ceil(bottom)); y++) {
                    double hy = Math.min(bottom, y + 1) - Math.max(top, y);
                    for (int x = (int) left; x < Math.min(srcW, Math.ceil(right)); x++) {
                        double wx = Math.min(right, x + 1) - Math.max(left, x);
                        sum += hy * wx * src[y * srcW + x];
                    }
                }
                dst[oy * dstW + ox] = (float) (sum / (sx * sy));
            }
        }
        return dst;
    }
}
