package dev.myelin.fashion.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.myelin.fashion.testing.ChildFashion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(notes, true, StandardCharsets.UTF_8);

    @Test
    void aHeldLockRefusesASecondTakerNamingTheHolderAndARelease() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock lock = RunLock.acquire(run, out)) {
            String content = Files.readString(run.resolve(RunDirectory.LOCK));
            assertTrue(content.contains("pid=" + ProcessHandle.current().pid()), content);
            RunLock.HeldException refused = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(run, out));
            assertTrue(refused.getMessage().contains("process " + ProcessHandle.current().pid()), refused.getMessage());
            assertThrows(RunLock.HeldException.class, () -> RunLock.refuseIfHeld(run));
        }
        assertFalse(Files.exists(run.resolve(RunDirectory.LOCK)), "a clean release deletes the lock file");
        RunLock.refuseIfHeld(run);
        try (RunLock again = RunLock.acquire(run, out)) {
            assertEquals("", notes.toString(StandardCharsets.UTF_8), "nothing to take over after a clean release");
        }
    }

    @Test
    void aLockLeftByAProcessThatIsGoneIsTakenOverWithANote() throws Exception {
        long dead = ChildFashion.deadPid();
        Files.writeString(dir.resolve(RunDirectory.LOCK), "pid=" + dead + "\nhost="
                + InetAddress.getLocalHost().getHostName() + "\nstarted=2026-01-01T00:00:00Z\n");
        RunLock.refuseIfHeld(dir);
        try (RunLock lock = RunLock.acquire(dir, out)) {
            assertTrue(notes.toString(StandardCharsets.UTF_8).contains("was locked by process " + dead), notes.toString());
            assertTrue(Files.readString(dir.resolve(RunDirectory.LOCK)).contains("pid=" + ProcessHandle.current().pid()));
        }
    }

    @Test
    void aLockNamingALiveProcessIsRefusedEvenWithoutTheOsLock() throws Exception {
        // as on a file system that ignores locks: the holder's process is alive on this host
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(dir.resolve(RunDirectory.LOCK), "pid=" + self.pid() + "\nhost="
                + InetAddress.getLocalHost().getHostName() + "\nprocess_start=" + self.info().startInstant().orElseThrow()
                + "\n");
        RunLock.HeldException refused = assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(dir, out));
        assertTrue(refused.getMessage().contains("process " + self.pid()), refused.getMessage());
    }
}
