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
 * Reads safetensors files: an 8-byte little-endian header length {@code N}, then {@code N} bytes of
 * UTF-8 JSON describing each tensor (dtype, shape, byte offsets into the data that follows) and an
 * optional {@code __metadata__} object of strings, then the little-endian data buffer.
 *
 * <p>F32 tensors are read as they are; F16 and BF16 are widened exactly to float32. Other dtypes are
 * rejected. The whole header is validated (sizes, offsets, types, and that the tensors tile the data
 * buffer with no overlap and no hole) before any tensor storage is allocated; every fault throws a
 * {@link SafetensorsException} that names the file and the fault.
 *
 * <pre>{@code
 * SafetensorsFile f = SafetensorsReader.read(Path.of("model.safetensors"));
 * Tensor w = f.tensor("conv1.weight");
 * }</pre>
 */
public final class SafetensorsReader {
    /** Largest header accepted, as in the reference implementation: a larger one is a corrupt or hostile file. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int PREFIX_BYTES = 8;
    private static final int CHUNK_BYTES = 1 << 16;

    private SafetensorsReader() {
    }

    /**
     * Reads every tensor and the metadata of a safetensors file.
     *
     * @throws SafetensorsException if the file is malformed or holds a dtype Myelin does not read
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
