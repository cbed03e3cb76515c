package dev.myelin.fashion.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun's MNIST format), gzip'd or plain; gzip is recognised by its magic bytes,
 * not by the file name.
 *
 * <p>Everything the header claims is checked before the pixel array is allocated: the magic number,
 * the dimensions, and the data length against the file's length (for gzip, against the uncompressed
 * length in the gzip trailer, so a file of several concatenated gzip members is refused). After
 * reading, a short stream and trailing bytes are faults too. Every fault is an
 * {@link IdxFormatException} naming the file.
 */
public final class Idx {
    /** Unsigned bytes, 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Idx() {}

    /**
     * Reads an image file whose images must be {@code rows x cols}.
     *
     * @param expectedCount the number of images the caller expects (for instance the number of
     *     labels), or -1 to accept any
     */
    public static IdxImages readImages(Path file, int rows, int cols, int expectedCount) throws IOException {
        try (Source source = Source.open(file)) {
            DataInputStream in = source.data();
            checkMagic(file, in.readInt(), IMAGES_MAGIC, "unsigned-byte images with 3 dimensions");
            int count = in.readInt();
            int fileRows = in.readInt();
            int fileCols = in.readInt();
            if (count < 0 || fileRows <= 0 || fileCols <= 0) {
                throw new IdxFormatException(file, "impossible dimensions " + count + " x " + fileRows + " x " + fileCols);
            }
            if (fileRows != rows || fileCols != cols) {
                throw new IdxFormatException(file, "wrong dimensions: images are " + fileRows + "x" + fileCols
                        + ", expected " + rows + "x" + cols);
            }
            if (expectedCount >= 0 && count != expectedCount) {
                throw new IdxFormatException(file, "count mismatch: the file holds " + count
                        + " images but there are " + expectedCount + " labels");
            }
            long bytes = (long) count * rows * cols;
            source.checkLength(16, bytes, count + " images of " + rows + "x" + cols);
            byte[] pixels = source.readBody((int) bytes);
            return new IdxImages(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: the file ends inside its header", e);
        }
    }

    /** Reads a label file whose labels must lie in {@code 0..classes-1}. */
    public static int[] readLabels(Path file, int classes) throws IOException {
        try (Source source = Source.open(file)) {
            DataInputStream in = source.data();
            checkMagic(file, in.readInt(), LABELS_MAGIC, "unsigned-byte labels with 1 dimension");
            int count = in.readInt();
            if (count < 0) {
                throw new IdxFormatException(file, "impossible label count " + count);
            }
            source.checkLength(8, count, count + " labels");
            byte[] raw = source.readBody(count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                int label = raw[i] & 0xFF;
                if (label >= classes) {
                    throw new IdxFormatException(file, "label " + label + " at index " + i
                            + " is outside 0.." + (classes - 1));
                }
                labels[i] = label;
            }
            return labels;
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: the file ends inside its header", e);
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String what) throws IdxFormatException {
        if (magic != expected) {
            throw new IdxFormatException(file, String.format(
                    "wrong magic number 0x%08X, expected 0x%08X (%s)", magic, expected, what));
        }
    }

    /** An open IDX file, decompressed if it is gzip'd, that knows how many bytes it holds. */
    private static final class Source implements AutoCloseable {
        private final Path file;
        private final boolean gzip;
        private final long length;
        private final DataInputStream data;

        private Source(Path file, boolean gzip, long length, DataInputStream data) {
            this.file = file;
            this.gzip = gzip;
            this.length = length;
            this.data = data;
        }

        static Source open(Path file) throws IOException {
            boolean gzip;
            long length;
            try (FileChannel channel = FileChannel.open(file)) {
                long size = channel.size();
                ByteBuffer head = ByteBuffer.allocate(2);
                channel.read(head, 0);
                gzip = size >= 18 && (head.get(0) & 0xFF) == 0x1F && (head.get(1) & 0xFF) == 0x8B;
                if (gzip) {
                    // The last four bytes of a gzip member hold its uncompressed length mod 2^32.
                    ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    channel.read(trailer, size - 4);
                    length = trailer.getInt(0) & 0xFFFFFFFFL;
                } else {
                    length = size;
                }
            }
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            try {
                InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
                return new Source(file, gzip, length, new DataInputStream(in));
            } catch (IOException e) {
                raw.close();
                throw new IdxFormatException(file, "not a valid gzip file: " + e.getMessage(), e);
            }
        }

        DataInputStream data() {
            return data;
        }

        /** Checks, before anything is allocated, that the file holds exactly the promised bytes. */
        void checkLength(int headerBytes, long bodyBytes, String promise) throws IdxFormatException {
            long expected = headerBytes + bodyBytes;
            if (bodyBytes > MAX_ARRAY) {
                throw new IdxFormatException(file, "the header promises " + promise + ", more than one array can hold");
            }
            if (length == expected) {
                return;
            }
            String holds = gzip ? "the gzip trailer records " + length + " uncompressed bytes"
                    : "the file holds " + length + " bytes";
            String fault = length < expected ? "truncated" : "trailing bytes";
            // A cut gzip file ends in compressed data, not in its trailer, so the length read there is noise.
            String damaged = gzip ? " (or the gzip file itself is cut short or damaged)" : "";
            throw new IdxFormatException(file, fault + ": the header promises " + promise
                    + " (" + expected + " bytes) but " + holds + damaged);
        }

        /** Reads exactly {@code bytes} bytes and checks that nothing follows them. */
        byte[] readBody(int bytes) throws IdxFormatException {
            byte[] body = new byte[bytes];
            try {
                int read = data.readNBytes(body, 0, bytes);
                if (read < bytes) {
                    throw new IdxFormatException(file, "truncated: the data ends after " + read + " of " + bytes + " bytes");
                }
                if (data.read() != -1) {
                    throw new IdxFormatException(file, "trailing bytes after the " + bytes + " bytes the header promises");
                }
            } catch (EOFException | ZipException e) {
                throw new IdxFormatException(file, "truncated or corrupt gzip data: " + e.getMessage(), e);
            } catch (IdxFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new IdxFormatException(file, "unreadable: " + e.getMessage(), e);
            }
            return body;
        }

        @Override
        public void close() throws IOException {
            data.close();
        }
    }
}
