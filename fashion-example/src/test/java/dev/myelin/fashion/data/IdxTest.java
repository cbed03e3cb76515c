package dev.myelin.fashion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.testing.IdxBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
    @TempDir
    Path dir;

    private static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void imagesRoundTrip(boolean gzip) throws Exception {
        byte[] pixels = pixels(3 * 4 * 5);
        byte[] file = IdxBytes.images(Idx.IMAGES_MAGIC, 3, 4, 5, pixels);
        Path path = IdxBytes.write(dir.resolve("images"), gzip ? IdxBytes.gzip(file) : file);

        IdxImages images = Idx.readImages(path, 4, 5, 3);

        assertEquals(3, images.count());
        assertEquals(4, images.rows());
        assertEquals(5, images.cols());
        assertArrayEquals(pixels, images.pixels());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelsRoundTrip(boolean gzip) throws Exception {
        byte[] labels = {0, 9, 3, 3, 7};
        byte[] file = IdxBytes.labels(Idx.LABELS_MAGIC, 5, labels);
        Path path = IdxBytes.write(dir.resolve("labels"), gzip ? IdxBytes.gzip(file) : file);

        assertArrayEquals(new int[] {0, 9, 3, 3, 7}, Idx.readLabels(path, 10));
    }

    @Test
    void emptyFilesAreValid() throws Exception {
        Path images = IdxBytes.write(dir.resolve("images"), IdxBytes.images(Idx.IMAGES_MAGIC, 0, 28, 28, new byte[0]));
        Path labels = IdxBytes.write(dir.resolve("labels"), IdxBytes.labels(Idx.LABELS_MAGIC, 0, new byte[0]));
        assertEquals(0, Idx.readImages(images, 28, 28, 0).count());
        assertEquals(0, Idx.readLabels(labels, 10).length);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void wrongMagicNamesFileAndFault(boolean gzip) {
        // A label file where images are expected.
        byte[] file = IdxBytes.labels(Idx.LABELS_MAGIC, 2, new byte[] {1, 2});
        Path path = IdxBytes.write(dir.resolve("swapped"), gzip ? IdxBytes.gzip(file) : file);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertEquals(path, e.file());
        assertTrue(e.fault().contains("wrong magic number 0x00000801, expected 0x00000803"), e.fault());
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedImagesAreRefusedBeforeAllocation(boolean gzip) {
        byte[] whole = IdxBytes.images(Idx.IMAGES_MAGIC, 1000, 28, 28, pixels(1000 * 784));
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);
        Path path = IdxBytes.write(dir.resolve("cut"), gzip ? IdxBytes.gzip(cut) : cut);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertTrue(e.fault().startsWith("truncated"), e.fault());
        assertTrue(e.fault().contains("1000 images of 28x28"), e.fault());
    }

    /** A cut gzip file ends in compressed data, not in its trailer: whatever its last bytes say, the stream ends early. */
    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {2, 15, 30, 200, -1})
    void truncatedGzipSaysTheStreamEndsEarly(int keep) {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(Idx.IMAGES_MAGIC, 100, 28, 28, pixels(100 * 784)));
        int length = keep < 0 ? gz.length + keep : keep;
        Path path = IdxBytes.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, length));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertEquals(path, e.file());
        assertEquals("the gzip stream ends early: the file is truncated (" + length + " bytes)", e.fault());
    }

    @Test
    void plainFileUnderAGzipNameIsNotAGzipFile() {
        Path path = IdxBytes.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.labels(Idx.LABELS_MAGIC, 2, new byte[2]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(path, 10));

        assertEquals("not a gzip file (it does not start with 1f 8b)", e.fault());
    }

    @Test
    void plainFileUnderAnotherNameIsRead() throws Exception {
        Path path = IdxBytes.write(dir.resolve("labels.idx"), IdxBytes.labels(Idx.LABELS_MAGIC, 2, new byte[] {4, 5}));
        assertArrayEquals(new int[] {4, 5}, Idx.readLabels(path, 10));
    }

    /**
     * A crafted gzip file of a few dozen bytes whose header promises 2 million images and whose trailer
     * records exactly that many bytes: deflate cannot inflate the file that far, so the 1.5 GB array is
     * not allocated; the stream is inflated and counted instead.
     */
    @Test
    void gzipTrailerAgreeingWithAHugeHeaderIsNotBelieved() {
        int count = 2_000_000;
        byte[] gz = IdxBytes.gzip(IdxBytes.images(Idx.IMAGES_MAGIC, count, 28, 28, pixels(784)));
        long promised = 16 + (long) count * 784;
        ByteBuffer.wrap(gz).order(ByteOrder.LITTLE_ENDIAN).putInt(gz.length - 4, (int) promised);
        Path path = IdxBytes.write(dir.resolve("lie.gz"), gz);

        long start = System.nanoTime();
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertTrue(System.nanoTime() - start < 500_000_000L, "refused at once");
        // The trailer's length is checked against what was inflated (and fails) as the stream ends.
        assertEquals("corrupt gzip data: Corrupt GZIP trailer", e.fault());
    }

    @Test
    void fileEndingInsideItsHeaderIsTruncated() {
        Path path = IdxBytes.write(dir.resolve("stub"), new byte[] {0, 0, 8, 3, 0, 0});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));
        assertTrue(e.fault().startsWith("truncated"), e.fault());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void trailingBytesAreRefused(boolean gzip) {
        byte[] file = IdxBytes.labels(Idx.LABELS_MAGIC, 3, new byte[] {1, 2, 3, 4, 5});
        Path path = IdxBytes.write(dir.resolve("long"), gzip ? IdxBytes.gzip(file) : file);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(path, 10));

        assertTrue(e.fault().startsWith("trailing bytes"), e.fault());
    }

    @Test
    void countMismatchWithLabelsIsRefused() {
        Path path = IdxBytes.write(dir.resolve("images"), IdxBytes.images(Idx.IMAGES_MAGIC, 2, 28, 28, pixels(2 * 784)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, 3));

        assertTrue(e.fault().contains("count mismatch: the file holds 2 images but there are 3 labels"), e.fault());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelOutsideTheClassesIsRefused(boolean gzip) {
        byte[] file = IdxBytes.labels(Idx.LABELS_MAGIC, 3, new byte[] {0, 10, 2});
        Path path = IdxBytes.write(dir.resolve("labels"), gzip ? IdxBytes.gzip(file) : file);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(path, 10));

        assertEquals("label 10 at index 1 is outside 0..9", e.fault());
    }

    @Test
    void wrongDimensionsAreRefused() {
        Path path = IdxBytes.write(dir.resolve("images"), IdxBytes.images(Idx.IMAGES_MAGIC, 2, 32, 32, pixels(2 * 32 * 32)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertEquals("wrong dimensions: images are 32x32, expected 28x28", e.fault());
    }

    @Test
    void impossibleHeaderIsRefusedWithoutAllocating() {
        // Claims 2^31-1 images; the reader must refuse from the header, not try to allocate them.
        Path path = IdxBytes.write(dir.resolve("huge"), IdxBytes.images(Idx.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28, new byte[10]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(path, 28, 28, -1));

        assertTrue(e.fault().contains("more than one array can hold"), e.fault());
    }

    @Test
    void negativeCountIsRefused() {
        Path path = IdxBytes.write(dir.resolve("negative"), IdxBytes.labels(Idx.LABELS_MAGIC, -1, new byte[0]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(path, 10));
        assertTrue(e.fault().contains("impossible label count -1"), e.fault());
    }

    @Test
    void corruptGzipDataIsRefused() {
        byte[] gz = IdxBytes.gzip(IdxBytes.labels(Idx.LABELS_MAGIC, 500, new byte[500]));
        gz[gz.length - 12] ^= 0x55; // flip bits in the deflate data near its end
        Path path = IdxBytes.write(dir.resolve("corrupt.gz"), gz);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(path, 10));

        assertEquals(path, e.file());
        assertTrue(e.fault().startsWith("corrupt gzip data: "), e.fault());
    }
}
