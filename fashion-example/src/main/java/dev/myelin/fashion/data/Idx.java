package dev.myelin.fashion.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
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
 * Reads IDX files (LeCun's MNIST format), gzip'd or plain. Gzip is recognised by its magic bytes
 * 1f 8b; a file whose name ends in {@code .gz} must have them ("not a gzip file" otherwise), and a file
 * of any other name without them is read as plain IDX.
 *
 * <p>Everything the header claims is checked before the pixel array is allocated: the magic number,
 * the dimensions, and the data length against the file's length. For gzip, against the uncompressed
 * length in the gzip trailer when deflate could have inflated the file that far (at most 1032 to 1);
 * otherwise the stream is inflated and counted, without keeping it, to say what is wrong: a stream that
 * ends early (a cut file), corrupt data, too few or too many bytes, or a trailer that disagrees (a file
 * of several concatenated gzip members is refused). After reading, a short stream and trailing bytes
 * are faults too. Every fault is an {@link IdxFormatException} naming the file.
 */
public final class Idx {
    /** Unsigned bytes, 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    /** A gzip member's 10-byte header, an empty deflate block at the least, and its 8-byte trailer. */
    private static final int GZIP_MIN_BYTES = 20;

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
        /** Deflate cannot inflate one byte into more than 1032 (258 bytes per 2-bit code), so neither can gzip. */
        private static final long MAX_INFLATION = 1032;

        private final Path file;
        private final boolean gzip;
        private final long size;
        private final long length;
        private final DataInputStream data;

        private Source(Path file, boolean gzip, long size, long length, InputStream in) {
            this.file = file;
            this.gzip = gzip;
            this.size = size;
            this.length = length;
            this.data = new DataInputStream(gzip ? new GzipFaults(in) : in);
        }

        /**
         * Opens {@code file}: gzip'd if it starts with gzip's magic bytes 1f 8b, whatever its name; a
         * name ending in {@code .gz} must hold gzip, and anything else is read as plain IDX.
         */
        static Source open(Path file) throws IOException {
            boolean gzip;
            long size;
            long length;
            try (FileChannel channel = FileChannel.open(file)) {
                size = channel.size();
                ByteBuffer head = ByteBuffer.allocate(2);
                while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                    // a short read of a regular file happens only at its end
                }
                gzip = head.position() == 2 && (head.get(0) & 0xFF) == 0x1F && (head.get(1) & 0xFF) == 0x8B;
                if (!gzip && file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
                    throw new IdxFormatException(file, "not a gzip file (it does not start with 1f 8b"
                            + (size < 2 ? ": it is " + size + " bytes long" : "") + ")");
                }
                if (gzip && size < GZIP_MIN_BYTES) {
                    throw endsEarly(file, size);
                }
                if (gzip) {
                    // The last four bytes of a gzip member hold its uncompressed length mod 2^32; in a cut or
                    // crafted file they are noise, so checkLength trusts them only within deflate's limits.
                    ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    channel.read(trailer, size - 4);
                    length = trailer.getInt(0) & 0xFFFFFFFFL;
                } else {
                    length = size;
                }
            }
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            try {
                return new Source(file, gzip, size, length, gzip ? new GZIPInputStream(raw, BUFFER) : raw);
            } catch (EOFException e) {
                raw.close();
                throw endsEarly(file, size);
            } catch (IOException e) {
                raw.close();
                throw new IdxFormatException(file, "not a valid gzip file: " + e.getMessage(), e);
            }
        }

        DataInputStream data() {
            return data;
        }

        /**
         * Checks, before anything is allocated, that the file holds exactly the promised bytes. A gzip
         * file is taken at its trailer's word when deflate could have produced that much from the file;
         * otherwise the stream is inflated and counted (no further than the promise) to say what is wrong.
         */
        void checkLength(int headerBytes, long bodyBytes, String promise) throws IOException {
            long expected = headerBytes + bodyBytes;
            if (bodyBytes > MAX_ARRAY) {
                throw new IdxFormatException(file, "the header promises " + promise + ", more than one array can hold");
            }
            if (!gzip) {
                if (length != expected) {
                    throw new IdxFormatException(file, (length < expected ? "truncated" : "trailing bytes")
                            + ": the header promises " + promise + " (" + expected + " bytes) but the file holds "
                            + length + " bytes");
                }
                return;
            }
            if (length == expected && expected <= size * MAX_INFLATION) {
                return;
            }
            long held = headerBytes + inflatedUpTo(bodyBytes + 1);
            if (held != expected) {
                throw new IdxFormatException(file, (held < expected ? "truncated" : "trailing bytes")
                        + ": the header promises " + promise + " (" + expected + " bytes) but the gzip data holds "
                        + (held < expected ? "only " + held : "more") + " bytes");
            }
            throw new IdxFormatException(file, "the gzip trailer records " + length + " uncompressed bytes, not the "
                    + expected + " the data holds (a damaged file, or several gzip members joined)");
        }

        /** Inflates and counts the rest of the stream, stopping after {@code limit} bytes. */
        private long inflatedUpTo(long limit) throws IOException {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            while (total < limit) {
                int n = data.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        /** Reads exactly {@code bytes} bytes and checks that nothing follows them. */
        byte[] readBody(int bytes) throws IOException {
            byte[] body = new byte[bytes];
            int read = data.readNBytes(body, 0, bytes);
            if (read < bytes) {
                throw new IdxFormatException(file, "truncated: the data ends after " + read + " of " + bytes + " bytes");
            }
            if (data.read() != -1) {
                throw new IdxFormatException(file, "trailing bytes after the " + bytes + " bytes the header promises");
            }
            return body;
        }

        @Override
        public void close() throws IOException {
            data.close();
        }

        /**
         * Names the gzip faults: compressed data that runs out (the inflater's EOFException, as opposed to
         * the clean end of the stream) is a cut file, any other inflater complaint is corrupt data.
         */
        private final class GzipFaults extends FilterInputStream {
            GzipFaults(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (EOFException e) {
                    throw endsEarly(file, size);
                } catch (ZipException e) {
                    throw corrupt(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EOFException e) {
                    throw endsEarly(file, size);
                } catch (ZipException e) {
                    throw corrupt(e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                try {
                    return super.skip(n);
                } catch (EOFException e) {
                    throw endsEarly(file, size);
                } catch (ZipException e) {
                    throw corrupt(e);
                }
            }

            private IdxFormatException corrupt(ZipException e) {
                return new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
            }
        }
    }

    private static IdxFormatException endsEarly(Path file, long size) {
        return new IdxFormatException(file, "the gzip stream ends early: the file is truncated (" + size + " bytes)");
    }
}
