package dev.myelin.fashion.predict;

import dev.myelin.testing.FileFuzz;
import dev.myelin.testing.FileFuzz.Mutant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the pictures given to {@code predict} ({@link ImagePreprocessor#load}: decode, then convert)
 * with mutated small PNG, JPEG, GIF and BMP files: cuts at every length class, flipped bits and huge
 * widths and heights in the headers. Each try must return a 28x28 image or throw an
 * {@link ImageInputException} naming the file, within a second, on Surefire's 2 GB heap. The counts
 * are printed.
 */
class ImageFuzzTest {
    private static final int TRIES = 10_000;
    private static final Path DIR = FileFuzz.tempDir("image-fuzz");
    private static final FileFuzz.Tally PNG = new FileFuzz.Tally("ImagePreprocessor.load (PNG)");
    private static final FileFuzz.Tally JPEG = new FileFuzz.Tally("ImagePreprocessor.load (JPEG)");
    private static final FileFuzz.Tally GIF = new FileFuzz.Tally("ImagePreprocessor.load (GIF)");
    private static final FileFuzz.Tally BMP = new FileFuzz.Tally("ImagePreprocessor.load (BMP)");
    private static final FileFuzz.Tally TIFF = new FileFuzz.Tally("ImagePreprocessor.load (TIFF)");
    private static final byte[] PNG_FILE = encode("png");
    private static final byte[] JPEG_FILE = encode("jpg");
    private static final byte[] GIF_FILE = encode("gif");
    private static final byte[] BMP_FILE = encode("bmp");
    private static final byte[] TIFF_FILE = encode("tiff");

    static {
        // Loads the decoders once, so that no try is charged with it.
        for (byte[] file : List.of(PNG_FILE, JPEG_FILE, GIF_FILE, BMP_FILE, TIFF_FILE)) {
            try {
                ImagePreprocessor.convert(ImagePreprocessor.decode(file, "warm-up", Integer.MAX_VALUE), false);
            } catch (ImageInputException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void png(@ForAll("pngMutants") Mutant m) throws Exception {
        FileFuzz.check(PNG, m, DIR.resolve("picture.png"), ImageFuzzTest::load, ImageInputException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void jpeg(@ForAll("jpegMutants") Mutant m) throws Exception {
        FileFuzz.check(JPEG, m, DIR.resolve("picture.jpg"), ImageFuzzTest::load, ImageInputException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void gif(@ForAll("gifMutants") Mutant m) throws Exception {
        FileFuzz.check(GIF, m, DIR.resolve("picture.gif"), ImageFuzzTest::load, ImageInputException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void bmp(@ForAll("bmpMutants") Mutant m) throws Exception {
        FileFuzz.check(BMP, m, DIR.resolve("picture.bmp"), ImageFuzzTest::load, ImageInputException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void tiff(@ForAll("tiffMutants") Mutant m) throws Exception {
        FileFuzz.check(TIFF, m, DIR.resolve("picture.tif"), ImageFuzzTest::load, ImageInputException.class);
    }

    @AfterContainer
    static void printCountsAndCleanUp() throws IOException {
        FileFuzz.finish(DIR, PNG, JPEG, GIF, BMP, TIFF);
    }

    @Provide
    Arbitrary<Mutant> pngMutants() {
        // IHDR: width and height, big-endian, at 16 and 20.
        return mutants(PNG_FILE, 33, FileFuzz.hugeFields(PNG_FILE, ByteOrder.BIG_ENDIAN, 4, 16, 20));
    }

    @Provide
    Arbitrary<Mutant> jpegMutants() {
        int sof = sofSegment(JPEG_FILE);
        // Start of frame: height and width, big-endian 16-bit, 5 and 7 bytes after the marker.
        return mutants(JPEG_FILE, sof + 10, FileFuzz.hugeFields(JPEG_FILE, ByteOrder.BIG_ENDIAN, 2, sof + 5, sof + 7));
    }

    @Provide
    Arbitrary<Mutant> gifMutants() {
        // The logical screen, little-endian 16-bit, at 6 and 8; the first image descriptor's size after it.
        int descriptor = gifImageDescriptor(GIF_FILE);
        return mutants(GIF_FILE, 13, FileFuzz.hugeFields(GIF_FILE, ByteOrder.LITTLE_ENDIAN, 2, 6, 8, descriptor + 5,
                descriptor + 7));
    }

    @Provide
    Arbitrary<Mutant> bmpMutants() {
        // The data offset, width, height, bits per pixel and image size, little-endian.
        return mutants(BMP_FILE, 54, Arbitraries.oneOf(
                FileFuzz.hugeFields(BMP_FILE, ByteOrder.LITTLE_ENDIAN, 4, 10, 18, 22, 34),
                FileFuzz.hugeFields(BMP_FILE, ByteOrder.LITTLE_ENDIAN, 2, 28)));
    }

    @Provide
    Arbitrary<Mutant> tiffMutants() {
        // The values of the first IFD's entries (12 bytes each after a 2-byte count; the value at +8),
        // little- or big-endian as the file says: width, height, strip offsets and byte counts among them.
        ByteOrder order = TIFF_FILE[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int ifd = java.nio.ByteBuffer.wrap(TIFF_FILE).order(order).getInt(4);
        int entries = java.nio.ByteBuffer.wrap(TIFF_FILE).order(order).getShort(ifd) & 0xFFFF;
        int[] values = new int[entries];
        for (int i = 0; i < entries; i++) {
            values[i] = ifd + 2 + 12 * i + 8;
        }
        return mutants(TIFF_FILE, ifd + 2 + 12 * entries, FileFuzz.hugeFields(TIFF_FILE, order, 4, values));
    }

    private static Object load(Path file) throws IOException {
        float[] image = ImagePreprocessor.load(file, false);
        if (image.length != 28 * 28) {
            throw new AssertionError("a " + image.length + "-pixel result");
        }
        return image;
    }

    private static Arbitrary<Mutant> mutants(byte[] valid, int headerBytes, Arbitrary<Mutant> fields) {
        return Arbitraries.oneOf(FileFuzz.truncations(valid, headerBytes), FileFuzz.flips(valid), fields);
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                image.setRGB(x, y, (x > 2 && x < 9 && y > 1 && y < 7) ? 0xE0C0A0 : 0x101010 * (x % 3));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where the JPEG's baseline start-of-frame marker FF C0 is. */
    private static int sofSegment(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    /** Where the first image descriptor (0x2C) is: after the global colour table and any extension blocks. */
    private static int gifImageDescriptor(byte[] gif) {
        int at = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        while (gif[at] == 0x21) {
            at += 2;
            while (gif[at] != 0) {
                at += (gif[at] & 0xFF) + 1;
            }
            at++;
        }
        if (gif[at] != 0x2C) {
            throw new IllegalStateException("no image descriptor at " + at);
        }
        return at;
    }
}
