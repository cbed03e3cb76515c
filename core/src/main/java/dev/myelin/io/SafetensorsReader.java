package dev.myelin.io;

import dev.myelin.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads safetensors files. The layout:
 *
 * <ol>
 *   <li>8 bytes: {@code N}, the header's length in bytes, an unsigned little-endian 64-bit integer;
 *   <li>{@code N} bytes: the header, a UTF-8 JSON object (which may end in spaces) mapping each tensor's
 *       name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}}, the offsets
 *       counted in bytes from the start of the data buffer, and holding optionally a
 *       {@code "__metadata__"} object of string values;
 *   <li>the data buffer: each tensor's elements, row-major and little-endian, in
 *       {@code [begin, end)}.
 * </ol>
 *
 * <p>Every tensor comes back as float32: F32 as it is; F16 and BF16 widened exactly; I64 and I32 (which
 * PyTorch uses for counters such as batch norm's {@code num_batches_tracked}) converted exactly, so only
 * integers of magnitude at most {@code 2^24} are accepted. The other dtypes of the format (F64,
 * F8_E4M3, F8_E5M2, I16, I8, U64, U32, U16, U8, BOOL) are refused by name.
 *
 * <p>The whole header is validated before any tensor storage is allocated, so a corrupt or hostile file
 * cannot make the reader allocate more than the file holds. Refused, each with a
 * {@link SafetensorsException} that names the file and the fault: a file shorter than 8 bytes or cut
 * short; a header longer than {@link #MAX_HEADER_BYTES} or than the rest of the file; a header that is
 * not UTF-8, not strict JSON (RFC 8259: duplicate keys, trailing commas, comments, nesting deeper than
 * 64 and the like are refused) or not an object; an entry with a key missing or unknown, an unknown or
 * unread dtype, a negative dimension, more than {@code 2^31 - 17} elements, or offsets that do not hold
 * exactly {@code elements × dtype size} bytes inside the buffer; tensors that overlap or leave bytes of
 * the buffer to no tensor; a non-string metadata value; an integer too large for float32.
 *
 * <pre>{@code
 * SafetensorsFile f = SafetensorsReader.read(Path.of("model.safetensors"));
 * Tensor w = f.tensor("conv1.weight");
 * }</pre>
 */
public final class SafetensorsReader {
    /**
     * Largest header accepted, in bytes (100 MB), as in the reference implementation: a larger one is a
     * corrupt or hostile file.
     */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int PREFIX_BYTES = 8;
    private static final int CHUNK_BYTES = 1 << 16;

    private SafetensorsReader() {
    }

    /**
     * Reads every tensor and the metadata of a safetensors file. The file is read once, in chunks, and
     * closed; the result holds no reference to it.
     *
     * @param file the file to read
     * @return the tensors, as float32 with the shapes the header gives (shape {@code []} is a scalar),
     *     and the metadata
     * @throws SafetensorsException if the file is malformed or holds a dtype Myelin does not read (the
     *                              class comment lists every case)
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException          if the file cannot be read
     */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < PREFIX_BYTES) {
                throw new SafetensorsException(file, "file is " + size
                        + " bytes long, too short for the 8-byte header length that starts a safetensors file");
            }
            ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, channel, prefix, 0);
            long headerLength = prefix.getLong(0); // unsigned in the format: negative here means at least 2^63
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            long afterPrefix = size - PREFIX_BYTES;
            if (headerLength > afterPrefix) {
                throw new SafetensorsException(file, "header length " + headerLength + " exceeds the " + afterPrefix
                        + " bytes that follow the 8-byte prefix (truncated file?)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(file, channel, headerBytes, PREFIX_BYTES);
            String json = decodeUtf8(file, headerBytes.flip());
            long dataStart = PREFIX_BYTES + headerLength;
            Header header = Header.parse(file, json, size - dataStart);

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Header.Entry e : header.entries()) {
                tensors.put(e.name(), readTensor(file, channel, dataStart, e));
            }
            return new SafetensorsFile(file, Collections.unmodifiableMap(tensors), header.metadata());
        }
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws SafetensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(file, "header is not valid UTF-8", e);
        }
    }

    private static Tensor readTensor(Path file, FileChannel channel, long dataStart, Header.Entry e) throws IOException {
        float[] values = new float[e.elements()];
        int elementBytes = e.dtype().bytes();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + e.begin();
        int done = 0;
        while (done < values.length) {
            int count = Math.min(values.length - done, CHUNK_BYTES / elementBytes);
            chunk.clear().limit(count * elementBytes);
            readFully(file, channel, chunk, position);
            chunk.flip();
            try {
                decode(e.dtype(), chunk, values, done, count);
            } catch (ArithmeticException inexact) {
                throw new SafetensorsException(file, "tensor '" + e.name() + "': " + inexact.getMessage());
            }
            position += (long) count * elementBytes;
            done += count;
        }
        return e.shape().length == 0 ? Tensor.scalar(values[0]) : Tensor.of(values, e.shape());
    }

    private static void decode(Dtype dtype, ByteBuffer chunk, float[] values, int at, int count) {
        switch (dtype) {
            case F32 -> chunk.asFloatBuffer().get(values, at, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = HalfFloats.f16ToFloat(chunk.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = HalfFloats.bf16ToFloat(chunk.getShort());
                }
            }
            case I64 -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = exactFloat(chunk.getLong(), at + i);
                }
            }
            case I32 -> {
                for (int i = 0; i < count; i++) {
                    values[at + i] = exactFloat(chunk.getInt(), at + i);
                }
            }
            default -> throw new IllegalStateException("header validation let through unreadable dtype " + dtype);
        }
    }

    /** An integer as float32, refusing values float32 cannot hold exactly (beyond 2^24). */
    private static float exactFloat(long value, int index) {
        if (Math.abs(value) > (1L << 24)) {
            throw new ArithmeticException("integer " + value + " at element " + index
                    + " cannot be held exactly by a float32 tensor");
        }
        return value;
    }

    /** Fills {@code buffer} from {@code position}; the file shrinking under us is reported as truncation. */
    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new SafetensorsException(file, "file ended at byte " + position + " while reading",
                        new EOFException());
            }
            position += n;
        }
    }
}
