package dev.myelin.fashion.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePreprocessorTest {
    @TempDir
    Path dir;

    /** A w x h picture: background colour, with a rectangle of another colour. */
    private static BufferedImage picture(int w, int h, Color background, Color object, int x, int y, int ow, int oh) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.setColor(object);
        g.fillRect(x, y, ow, oh);
        g.dispose();
        return image;
    }

    private static float at(float[] image, int x, int y) {
        return image[y * 28 + x];
    }

    @Test
    void aDarkObjectOnWhiteIsInvertedTrimmedFittedAndCentred() {
        // A 200x100 black rectangle on a white 1000x800 photo, off centre.
        BufferedImage photo = picture(1000, 800, Color.WHITE, Color.BLACK, 100, 500, 200, 100);

        float[] image = ImagePreprocessor.convert(photo, true);

        assertEquals(784, image.length);
        // Longest edge 200 -> 28, so the object becomes 28x14, centred vertically: rows 7..20.
        assertEquals(1f, at(image, 0, 7), 1e-6);
        assertEquals(1f, at(image, 27, 20), 1e-6);
        assertEquals(0f, at(image, 14, 6), 1e-6);
        assertEquals(0f, at(image, 14, 21), 1e-6);
    }

    @Test
    void withoutInvertALightObjectOnBlackIsKept() {
        BufferedImage photo = picture(56, 56, Color.BLACK, Color.WHITE, 14, 0, 28, 56);

        float[] image = ImagePreprocessor.convert(photo, false);

        // Trimmed to 28x56, fitted to 14x28, centred: columns 7..20 are bright.
        assertEquals(1f, at(image, 7, 0), 1e-6);
        assertEquals(1f, at(image, 20, 27), 1e-6);
        assertEquals(0f, at(image, 6, 14), 1e-6);
        assertEquals(0f, at(image, 21, 14), 1e-6);
    }

    @Test
    void luminanceWeighsGreenMost() {
        BufferedImage red = picture(1, 1, Color.RED, Color.RED, 0, 0, 1, 1);
        BufferedImage green = picture(1, 1, Color.GREEN, Color.GREEN, 0, 0, 1, 1);
        assertEquals(0.299f, ImagePreprocessor.luminance(red, false)[0], 1e-3);
        assertEquals(0.587f, ImagePreprocessor.luminance(green, false)[0], 1e-3);
    }

    @Test
    void aGreyBackdropBecomesBlack() {
        // Two white squares on grey: the grey between them survives the trim and must turn black.
        BufferedImage photo = picture(100, 40, new Color(60, 60, 60), Color.WHITE, 10, 10, 20, 20);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(70, 10, 20, 20);
        g.dispose();

        float[] image = ImagePreprocessor.convert(photo, false);

        assertEquals(1f, at(image, 2, 13), 1e-6);
        assertEquals(0f, at(image, 14, 13), 1e-6);
        assertEquals(1f, at(image, 25, 13), 1e-6);
    }

    @Test
    void aBlankPictureStaysBlankAndWhole() {
        float[] image = ImagePreprocessor.convert(picture(30, 30, Color.BLACK, Color.BLACK, 0, 0, 1, 1), false);
        for (float v : image) {
            assertEquals(0f, v);
        }
    }

    @Test
    void areaResizeAveragesAndPreservesMean() {
        float[] src = {0, 1, 1, 0, 0, 1, 1, 0}; // 4x2
        assertArrayEquals(new float[] {0.5f, 0.5f}, ImagePreprocessor.resizeArea(src, 4, 2, 2, 1), 1e-6f);
        float[] up = ImagePreprocessor.resizeArea(new float[] {0, 1}, 2, 1, 4, 1);
        assertArrayEquals(new float[] {0, 0, 1, 1}, up, 1e-6f);
        float[] third = ImagePreprocessor.resizeArea(new float[] {0, 0, 1}, 3, 1, 2, 1);
        assertArrayEquals(new float[] {0, 2f / 3}, third, 1e-6f); // the second covers 1.5..3: half a 0, a whole 1
    }

    @Test
    void readsPngAndJpegFiles() throws Exception {
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(20, 10, 20, 30);
        g.dispose();
        Path png = dir.resolve("a.png");
        Path jpg = dir.resolve("a.jpg");
        ImageIO.write(rgb, "png", png.toFile());
        ImageIO.write(rgb, "jpg", jpg.toFile());

        float[] fromPng = ImagePreprocessor.load(png, false);
        float[] fromJpg = ImagePreprocessor.load(jpg, false);

        assertEquals(1f, at(fromPng, 14, 14), 1e-6);
        assertEquals(1f, at(fromJpg, 14, 14), 0.1);
    }

    @Test
    void unreadableFilesGiveAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(text, false));
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
        ImageInputException missing = assertThrows(ImageInputException.class,
                () -> ImagePreprocessor.load(dir.resolve("absent.png"), false));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(dir, false));
        assertEquals(dir + ": is a directory, not a picture", e.getMessage());
    }

    @Test
    void aDeviceOrFifoIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available here");
        for (Path special : List.of(fifo, Path.of("/dev/null"))) {
            ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(special, false));
            assertEquals(special + ": is not a regular file (a FIFO, socket or device), not a picture", e.getMessage());
        }
    }

    /** A 100-byte PNG whose header claims 8000 x 1000 pixels had the decoder allocate and scan them (over a second). */
    @Test
    void aPictureClaimingFarMorePixelsThanItsBytesCanHoldIsRefusedBeforeDecoding() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB), "png", out);
        byte[] png = out.toByteArray();
        ByteBuffer.wrap(png).putInt(16, 8000).putInt(20, 1000);
        Path file = Files.write(dir.resolve("claims.png"), png);

        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(file, false));

        assertEquals(file + ": a 8000x1000 image in only " + png.length + " bytes: the file is cut short or damaged"
                + " (at most 1024 pixels a byte are decoded)", e.getMessage());
    }

    /**
     * CI's fuzzing found a 378-byte BMP (compression 5, an embedded PNG, declaring 1.2 GB of data) that the
     * JDK's reader took 3 to 4 s on, allocating the declared size first; BMP headers are now checked.
     */
    @Test
    void aBmpWithAnEmbeddedPngOrMoreDataThanItsFileIsRefusedFromItsHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB), "bmp", out);
        byte[] bmp = out.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(bmp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(30, 5).putInt(34, 1_224_737_092);
        Path embedded = Files.write(dir.resolve("embedded.bmp"), bmp);
        header.putInt(30, 0).putInt(34, bmp.length + 1);
        Path overlong = Files.write(dir.resolve("overlong.bmp"), bmp);

        long start = System.nanoTime();
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(embedded, false));
        assertTrue(System.nanoTime() - start < 500_000_000L, "refused from the header, not after decoding");
        assertEquals(embedded + ": a BMP holding an embedded PNG is not read: save the picture as a PNG, JPEG or plain BMP",
                e.getMessage());
        e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(overlong, false));
        assertEquals(overlong + ": the BMP declares " + (bmp.length + 1) + " bytes of pixels in a file of " + bmp.length
                + ": it is cut short or damaged", e.getMessage());
    }

    /** A fuzzed TIFF whose first bits-per-sample value a flipped bit made 27 took the reader 2.4 s on 12 x 9 pixels. */
    @Test
    void aTiffWithSamplesDeeperThan16BitsIsRefusedBeforeDecoding() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB), "tiff", out);
        byte[] tiff = out.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN
                : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = header.getInt(4);
        int bitsPerSample = -1;
        for (int i = 0, n = header.getShort(ifd) & 0xFFFF; i < n; i++) {
            if ((header.getShort(ifd + 2 + 12 * i) & 0xFFFF) == 258) { // BitsPerSample: three shorts, stored elsewhere
                bitsPerSample = header.getInt(ifd + 2 + 12 * i + 8);
            }
        }
        header.putShort(bitsPerSample, (short) 27);
        Path file = Files.write(dir.resolve("deep.tif"), tiff);

        long start = System.nanoTime();
        ImageInputException e = assertThrows(ImageInputException.class, () -> ImagePreprocessor.load(file, false));
        assertTrue(System.nanoTime() - start < 500_000_000L, "refused before decoding");
        assertEquals(file + ": samples of 32 bits are not read (at most 16 a channel)", e.getMessage());
    }

    @Test
    void textImageDrawsTwoCharactersPerPixel() {
        String text = TextImage.render(new float[] {0, 1, 0.5f, 0}, 2, 2, "");
        assertEquals("  @@\n++  \n", text);
    }
}
