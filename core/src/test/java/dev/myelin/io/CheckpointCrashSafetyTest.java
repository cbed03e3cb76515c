package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails never damages the checkpoint it was to replace, and leaves no temporary file: the
 * new file is written beside the target and only renamed over it once complete and forced to disk.
 */
class CheckpointCrashSafetyTest {
    @TempDir
    Path dir;

    private Path file;
    private byte[] original;
    private TinyRun run;

    @BeforeEach
    void saveAGoodCheckpoint() throws IOException {
        run = new TinyRun(TinyRun.Kind.ADAM_STEP_LR, 1, 2);
        run.step();
        file = dir.resolve("last.ckpt");
        Checkpoint.save(file, state(1));
        original = Files.readAllBytes(file);
        run.step(); // so that a later save would write different bytes
    }

    private CheckpointState state(long step) {
        return CheckpointState.builder(run.model, run.optimizer).scheduler(run.scheduler)
                .generator("data", run.data).step(step).build();
    }

    private void assertOriginalIntactAndAlone() throws IOException {
        assertArrayEquals(original, Files.readAllBytes(file), "the previous checkpoint changed");
        assertEquals(1, Checkpoint.load(file).step());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.filter(p -> !Files.isDirectory(p)).toList(), "a temporary file was left");
        }
    }

    @Test
    void anInterruptedSaveFailsOnItsFirstWriteAndLeavesTheCheckpoint() throws IOException {
        // An interrupted thread's FileChannel closes on the next write: a failure after the temporary file exists.
        Thread.currentThread().interrupt();
        try {
            assertThrows(ClosedByInterruptException.class, () -> Checkpoint.save(file, state(2)));
        } finally {
            Thread.interrupted();
        }
        assertOriginalIntactAndAlone();
    }

    @Test
    void aFailureHalfWayThroughTheDataLeavesTheCheckpoint() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("new.ckpt");
        Checkpoint.save(elsewhere, state(2));
        byte[] replacement = Files.readAllBytes(elsewhere);
        assertTrue(replacement.length > 1000);

        // The same replacement mechanism that Checkpoint.save uses, failing after half of the new file.
        IOException failure = assertThrows(IOException.class, () -> AtomicWrite.write(file, channel -> {
            channel.write(ByteBuffer.wrap(replacement, 0, replacement.length / 2));
            throw new IOException("device full");
        }));
        assertEquals("device full", failure.getMessage());
        assertOriginalIntactAndAlone();
    }

    @Test
    void aTargetNameTakenByADirectoryIsLeftAlone() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken.ckpt"));
        Files.write(taken.resolve("inside"), new byte[] {1});
        assertThrows(IOException.class, () -> Checkpoint.save(taken, state(2)));
        assertTrue(Files.isDirectory(taken));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(taken.resolve("inside")));
        assertOriginalIntactAndAlone();
    }

    @Test
    void aStateThatCannotBeEncodedFailsBeforeWriting() throws IOException {
        CheckpointState bad = CheckpointState.builder(run.model, run.optimizer).metric("\uD800", 1).build();
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file, bad));
        assertOriginalIntactAndAlone();
    }

    @Test
    void aSuccessfulSaveReplacesTheCheckpoint() throws IOException {
        Checkpoint.save(file, state(2));
        assertEquals(2, Checkpoint.load(file).step());
        assertFalse(Arrays.equals(original, Files.readAllBytes(file)));
    }
}
