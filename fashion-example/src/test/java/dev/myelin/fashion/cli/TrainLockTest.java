package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.RunLock;
import dev.myelin.fashion.testing.ChildFashion;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run folder: {@code run.lock}. */
class TrainLockTest {
    @TempDir
    Path work;

    @Test
    void aSecondTrainProcessOnTheSameOutIsRefusedNamingTheFirst() throws Exception {
        Path data = work.resolve("data");
        TinyFashion.write(data, 600, 50, 3);
        Path out = work.resolve("run");
        ChildFashion children = new ChildFashion(work.resolve("logs"));
        String[] train = {"train", "--model", "cnn", "--epochs", "40", "--batch-size", "4", "--no-augment",
            "--threads", "1", "--data", data.toString(), "--out", out.toString()};

        ChildFashion.Child first = children.start(train);
        try {
            Path lock = out.resolve(RunDirectory.LOCK);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(lock) && Files.readString(lock).contains("token=")) && first.process().isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.process().isAlive(), "the first training ended early:\n" + first.stderr());
            assertTrue(Files.readString(lock).contains("pid=" + first.process().pid()), Files.readString(lock));

            ChildFashion.Child second = children.start(train);
            assertEquals(1, second.waitFor(60), second.stdout() + second.stderr());
            assertTrue(second.stderr().contains(out + " is being written by process " + first.process().pid() + " on "),
                    second.stderr());
            assertTrue(first.process().isAlive(), "the refused training must not disturb the first");
        } finally {
            first.process().destroy(); // Ctrl-C: it saves a checkpoint and releases the lock
            first.waitFor(60);
        }
        assertFalse(Files.exists(out.resolve(RunDirectory.LOCK)), "a training that ends releases its lock");
        assertTrue(Files.exists(out.resolve(RunDirectory.CHECKPOINT)), first.stdout());
    }

    @Test
    void ensembleAndSweepRefuseAFolderThatAnotherCommandWrites() throws Exception {
        Path data = work.resolve("data");
        TinyFashion.write(data, 60, 20, 3);
        Path out = work.resolve("busy");
        for (String member : new String[] {"a", "b"}) {
            Files.write(Files.createDirectories(work.resolve(member)).resolve(RunDirectory.MODEL), new byte[] {0});
        }
        TestCli cli = new TestCli();
        try (RunLock held = RunLock.acquire(out, System.out)) {
            String who = out + " is being written by process " + ProcessHandle.current().pid() + " on ";
            TestCli.Result ensemble = cli.run("ensemble", "--runs", work.resolve("a").toString(),
                    work.resolve("b").toString(), "--out", out.toString(), "--data", data.toString());
            assertEquals(1, ensemble.exitCode(), ensemble.out());
            assertTrue(ensemble.err().contains(who) && ensemble.err().contains("(this process)"), ensemble.err());

            TestCli.Result sweep = cli.run("sweep", "--model", "mlp", "--trials", "1", "--epochs", "1", "--out",
                    out.toString(), "--data", data.toString());
            assertEquals(1, sweep.exitCode(), sweep.out());
            assertTrue(sweep.err().contains(who), sweep.err());

            TestCli.Result train = cli.run("train", "--out", out.toString(), "--data", data.toString());
            assertEquals(1, train.exitCode(), train.out());
            assertTrue(train.err().contains(who), train.err());
        }
    }

    @Test
    void trainTakesOverTheLockOfAProcessThatIsGoneAndSaysSo() throws Exception {
        Path data = work.resolve("data");
        TinyFashion.write(data, 60, 20, 3);
        Path out = Files.createDirectories(work.resolve("run"));
        long dead = ChildFashion.deadPid();
        Files.writeString(out.resolve(RunDirectory.LOCK), "pid=" + dead + "\nhost="
                + InetAddress.getLocalHost().getHostName() + "\nstarted=2026-01-01T00:00:00Z\n");
        TestCli cli = TestCli.training();

        TestCli.Result result = cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "4",
                "--data", data.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("was locked by process " + dead + " on "), result.out());
        assertTrue(result.out().contains("which is gone"), result.out());
        assertTrue(Files.exists(out.resolve(RunDirectory.MODEL)));
        assertFalse(Files.exists(out.resolve(RunDirectory.LOCK)));
    }
}
