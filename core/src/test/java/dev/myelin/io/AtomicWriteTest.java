package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure at any point of a write leaves the previous file as it was and no temporary file behind. */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static AtomicWrite.Body writing(byte[] bytes) {
        return channel -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        };
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path file = dir.resolve("f.bin");
        AtomicWrite.write(file, writing(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        AtomicWrite.write(file, writing(new byte[] {4}));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("f.bin");
        Files.write(file, new byte[] {9, 9});
        IOException boom = new IOException("disk full");
        var thrown = assertThrows(IOException.class, () -> AtomicWrite.write(file, channel -> {
            writing(new byte[1000]).writeTo(channel);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertArrayEquals(new byte[] {9, 9}, Files.readAllBytes(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void anUncheckedFailureIsPropagatedAndCleanedUpToo() throws IOException {
        Path file = dir.resolve("f.bin");
        Files.write(file, new byte[] {7});
        assertThrows(IllegalStateException.class, () -> AtomicWrite.write(file, channel -> {
            writing(new byte[10]).writeTo(channel);
            throw new IllegalStateException("bug in the writer");
        }));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void aTargetThatIsADirectoryIsNotReplaced() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Path inside = Files.write(target.resolve("keep.txt"), new byte[] {1});
        var e = assertThrows(IOException.class, () -> AtomicWrite.write(target, writing(new byte[] {5})));
        assertEquals(target + ": is a directory, not a file to write", e.getMessage());
        assertTrue(Files.isDirectory(target));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(inside));
        assertEquals(List.of(target), files());
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingIt() {
        Path file = dir.resolve("no/such/dir/f.bin");
        var e = assertThrows(NoSuchFileException.class, () -> AtomicWrite.write(file, writing(new byte[] {5})));
        assertEquals(file.toString(), e.getFile(), "the file asked for, not the temporary file");
        assertTrue(Files.notExists(dir.resolve("no")));
    }
}
