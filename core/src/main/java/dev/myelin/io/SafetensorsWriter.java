package dev.myelin.io;

import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes float32 tensors to a safetensors file that {@link SafetensorsReader} and other
 * implementations read.
 *
 * <p>The file is the layout {@link SafetensorsReader} describes: the 8-byte header length, then the
 * header {@code {"__metadata__": {...}, "name": {"dtype": "F32", "shape": [...], "data_offsets":
 * [begin, end]}, ...}} (no {@code __metadata__} when there is none), then the data. Tensors are laid out
 * in the map's iteration order, row-major and little-endian, with no gaps. The JSON header is padded with
 * spaces to a multiple of 8 bytes, as the reference implementation does, so the data starts aligned.
 * The file is written to a temporary file in the same directory, forced to the storage device and then
 * atomically renamed, so a reader never sees a half-written file and a failure leaves any previous file
 * in place (see {@link AtomicWrite} for the details and the fallback where renames cannot be atomic).
 */
public final class SafetensorsWriter {
    private static final int CHUNK_FLOATS = 1 << 14;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} (as F32) and {@code metadata} to {@code file}, replacing it if it exists.
     *
     * @param file the file to write; its directory must exist
     * @param tensors the tensors by name, of any shape (a scalar's is {@code []}); written in the map's
     *     iteration order, so a {@link java.util.LinkedHashMap} gives a reproducible file
     * @param metadata string pairs stored under {@code __metadata__}, in the map's order; null or empty
     *     for none
     * @throws IllegalArgumentException if a name is {@code __metadata__}, or a name or metadata string
     *                                  is not valid Unicode (a lone surrogate); nothing is written
     * @throws IOException              if the file cannot be written (a directory given as {@code file}
     *                                  included); a previous file is then left as it was
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata == null ? Map.of() : metadata);
        AtomicWrite.write(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            writeFully(channel, prefix);
            writeFully(channel, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                writeFloats(channel, t.toArray(), chunk);
            }
        });
    }

    /** The UTF-8 JSON header, padded with spaces so that its length is a multiple of 8. */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append(Json.quote(Header.METADATA_KEY)).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(sep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                sep = ",";
            }
            json.append('}');
        }
        long offset = 0;
        String sep = metadata.isEmpty() ? "" : ",";
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(Header.METADATA_KEY)) {
                throw new IllegalArgumentException("write: a tensor cannot be called " + Header.METADATA_KEY);
            }
            Tensor t = e.getValue();
            long end = offset + (long) t.size() * Float.BYTES;
            json.append(sep).append(Json.quote(e.getKey()))
                    .append(":{\"dtype\":\"F32\",\"shape\":").append(Arrays.toString(t.dims()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
            sep = ",";
        }
        json.append('}');
        byte[] bytes = utf8(json.toString());
        int padded = (bytes.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(bytes, padded);
        Arrays.fill(out, bytes.length, padded, (byte) ' ');
        return out;
    }

    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("write: a tensor name or metadata string is not valid Unicode", e);
        }
    }

    private static void writeFloats(FileChannel channel, float[] values, ByteBuffer chunk) throws IOException {
        for (int at = 0; at < values.length; at += CHUNK_FLOATS) {
            int count = Math.min(CHUNK_FLOATS, values.length - at);
            chunk.clear();
            chunk.asFloatBuffer().put(values, at, count);
            chunk.limit(count * Float.BYTES);
            writeFully(channel, chunk);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
