package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.fashion.train.PresetModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} of the commands that write files: a directory given where a file is expected takes the
 * default file name inside it, and when writing fails the message names the file the user asked for,
 * never the temporary file it is first written to.
 */
class OutOptionTest {
    @TempDir
    static Path work;
    static Path run;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        run = TrainedRuns.cnn(work);
        data = work.resolve("data");
    }

    private static TestCli cli() {
        TestCli cli = new TestCli();
        cli.loader = new PresetModelLoader();
        return cli;
    }

    private static void assertNoTemporaryName(TestCli.Result result) {
        assertFalse(result.err().contains(".tmp"), result.err());
        assertFalse(result.out().contains(".tmp"), result.out());
    }

    @Test
    void reportIntoAnExistingDirectoryWritesReportHtmlThere() throws Exception {
        TestCli.Result result = cli().run("report", "--run", run.toString(), "--data", data.toString(), "--mistakes", "2",
                "--out", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        Path page = dir.resolve(RunDirectory.REPORT);
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"), "a page in " + dir);
        assertTrue(result.out().startsWith("Wrote " + page + " ("), result.out());
    }

    @Test
    void exportIntoAnExistingDirectoryWritesTheDefaultFileThere() throws Exception {
        TestCli.Result result = cli().run("export", "--run", run.toString(), "--format", "safetensors", "--out", dir.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(Files.size(dir.resolve("export.safetensors")) > 0);
        assertTrue(result.out().startsWith("Wrote " + dir.resolve("export.safetensors")), result.out());
    }

    @Test
    void aDirectoryWhereTheFileShouldGoIsNamedInTheError() throws Exception {
        Files.createDirectories(dir.resolve(RunDirectory.REPORT).resolve("inside"));
        TestCli.Result report = cli().run("report", "--run", run.toString(), "--data", data.toString(), "--mistakes", "2",
                "--out", dir.toString());
        assertEquals(1, report.exitCode());
        assertNoTemporaryName(report);
        assertTrue(report.err().contains(dir.resolve(RunDirectory.REPORT) + ": is a directory"), report.err());

        Files.createDirectories(dir.resolve("export.safetensors"));
        TestCli.Result export = cli().run("export", "--run", run.toString(), "--format", "safetensors", "--out",
                dir.toString());
        assertEquals(1, export.exitCode());
        assertNoTemporaryName(export);
        assertTrue(export.err().contains(dir.resolve("export.safetensors") + ": is a directory"), export.err());
    }

    @Test
    void aTargetThatCannotBeWrittenIsReportedWithItsOwnName() throws Exception {
        // A parent that is a regular file cannot hold the target, for root too (permissions would not stop root).
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file");
        Path page = notAFolder.resolve("page.html");
        TestCli.Result result = cli().run("report", "--run", run.toString(), "--data", data.toString(), "--mistakes",
                "2", "--out", page.toString());
        assertEquals(1, result.exitCode());
        assertNoTemporaryName(result);
        assertTrue(result.err().contains(page.toString()), result.err());
        TestCli.Result export = cli().run("export", "--run", run.toString(), "--format", "safetensors", "--out",
                notAFolder.resolve("w.safetensors").toString());
        assertEquals(1, export.exitCode());
        assertNoTemporaryName(export);
        assertTrue(export.err().contains(notAFolder.resolve("w.safetensors").toString()), export.err());
    }

    @Test
    void exploreAndCompareRefuseAFileAsTheirFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "not a folder");
        TestCli.Result explore = cli().run("explore", "--data", data.toString(), "--out", file.toString());
        assertEquals(1, explore.exitCode(), explore.out());
        assertNoTemporaryName(explore);
        assertTrue(explore.err().contains("--out " + file + " is a file; it must name a folder"), explore.err());
        assertFalse(explore.out().contains("Reading Fashion-MNIST"), "refused before any work: " + explore.out());

        TestCli.Result compare = cli().run("compare", "--runs", run.toString(), "--data", data.toString(),
                "--out", file.toString());
        assertEquals(1, compare.exitCode(), compare.out());
        assertTrue(compare.err().contains("--out " + file + " is a file; it must name a folder"), compare.err());
        assertEquals("not a folder", Files.readString(file));
    }
}
