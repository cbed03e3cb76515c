package dev.myelin.fashion.data;

import dev.myelin.fashion.testing.IdxBytes;
import dev.myelin.testing.FileFuzz;
import dev.myelin.testing.FileFuzz.Mutant;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the IDX reader the way {@link FashionMnist} uses it (labels, then images of a fixed size),
 * on plain and gzip'd files: cuts at every length class, flipped bits, counts and dimensions of 2^31
 * and more, and gzip files whose trailer agrees with a huge header (the lie a crafted file tells to be
 * allocated for). Each try must return or throw an {@link IdxFormatException} naming the file within a
 * second, on Surefire's 2 GB heap. The counts are printed.
 */
class IdxFuzzTest {
    private static final int TRIES = 10_000;
    private static final int ROWS = 4;
    private static final int COLS = 5;
    private static final FileFuzz.Tally IMAGES = new FileFuzz.Tally("Idx.readImages (plain)");
    private static final FileFuzz.Tally IMAGES_GZ = new FileFuzz.Tally("Idx.readImages (gzip)");
    private static final FileFuzz.Tally LABELS = new FileFuzz.Tally("Idx.readLabels (plain)");
    private static final FileFuzz.Tally LABELS_GZ = new FileFuzz.Tally("Idx.readLabels (gzip)");
    private static final Path DIR = FileFuzz.tempDir("idx-fuzz");
    private static final byte[] IMAGES_FILE = IdxBytes.images(Idx.IMAGES_MAGIC, 3, ROWS, COLS, pixels(3 * ROWS * COLS));
    private static final byte[] LABELS_FILE = IdxBytes.labels(Idx.LABELS_MAGIC, 6, new byte[] {0, 9, 3, 3, 7, 1});

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void plainImages(@ForAll("plainImageMutants") Mutant m) throws Exception {
        FileFuzz.check(IMAGES, m, DIR.resolve("images-idx3-ubyte"), f -> Idx.readImages(f, ROWS, COLS, -1),
                IdxFormatException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void gzipImages(@ForAll("gzipImageMutants") Mutant m) throws Exception {
        FileFuzz.check(IMAGES_GZ, m, DIR.resolve("images-idx3-ubyte.gz"), f -> Idx.readImages(f, ROWS, COLS, -1),
                IdxFormatException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void plainLabels(@ForAll("plainLabelMutants") Mutant m) throws Exception {
        FileFuzz.check(LABELS, m, DIR.resolve("labels-idx1-ubyte"), f -> Idx.readLabels(f, 10),
                IdxFormatException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void gzipLabels(@ForAll("gzipLabelMutants") Mutant m) throws Exception {
        FileFuzz.check(LABELS_GZ, m, DIR.resolve("labels-idx1-ubyte.gz"), f -> Idx.readLabels(f, 10),
                IdxFormatException.class);
    }

    @AfterContainer
    static void printCountsAndCleanUp() throws IOException {
        FileFuzz.finish(DIR, IMAGES, IMAGES_GZ, LABELS, LABELS_GZ);
    }

    @Provide
    Arbitrary<Mutant> plainImageMutants() {
        return plain(IMAGES_FILE, 16, 4, 8, 12);
    }

    @Provide
    Arbitrary<Mutant> gzipImageMutants() {
        return gzipped(IMAGES_FILE, 16, ROWS * COLS, 4, 8, 12);
    }

    @Provide
    Arbitrary<Mutant> plainLabelMutants() {
        return plain(LABELS_FILE, 8, 4);
    }

    @Provide
    Arbitrary<Mutant> gzipLabelMutants() {
        return gzipped(LABELS_FILE, 8, 1, 4);
    }

    private static Arbitrary<Mutant> plain(byte[] valid, int headerBytes, int... fields) {
        return Arbitraries.oneOf(
                FileFuzz.truncations(valid, headerBytes),
                FileFuzz.flips(valid),
                FileFuzz.hugeFields(valid, ByteOrder.BIG_ENDIAN, 4, fields));
    }

    /**
     * The plain mutations, gzip'd; the gzip file itself cut, flipped or given a huge trailer; and a
     * consistent lie: a count of up to 2^31 / {@code itemBytes} items whose trailer records exactly the
     * bytes the header promises, in a file of a few dozen bytes.
     */
    private static Arbitrary<Mutant> gzipped(byte[] valid, int headerBytes, int itemBytes, int... fields) {
        byte[] gz = IdxBytes.gzip(valid);
        Arbitrary<Mutant> lies = Arbitraries.integers().between(1_000, Integer.MAX_VALUE / itemBytes).map(count -> {
            byte[] claim = valid.clone();
            ByteBuffer.wrap(claim).putInt(4, count);
            byte[] file = IdxBytes.gzip(claim);
            long promised = headerBytes + (long) count * itemBytes;
            ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(file.length - 4, (int) promised);
            return new Mutant("count " + count + " with a trailer recording " + promised + " bytes", file);
        });
        return Arbitraries.oneOf(
                plain(valid, headerBytes, fields).map(m -> m.then("gzip'd", IdxBytes.gzip(m.bytes()))),
                FileFuzz.truncations(gz, 10),
                FileFuzz.flips(gz),
                FileFuzz.hugeFields(gz, ByteOrder.LITTLE_ENDIAN, 4, gz.length - 4),
                lies);
    }

    private static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 13);
        }
        return p;
    }
}
