package dev.myelin.fashion.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("sub").resolve("page.html");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aDirectoryAsTargetIsNamedInTheErrorNotTheTemporaryFile() throws Exception {
        Path target = Files.createDirectories(dir.resolve("page.html"));
        var e = assertThrows(FileSystemException.class, () -> AtomicFiles.writeString(target, "x"));
        assertEquals(target + ": is a directory, not a file to write", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void theFileIsReadableByOthersLikeAnyFileTheUserWrites() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class), "no POSIX permissions here");
        Path target = dir.resolve("report.html");
        AtomicFiles.writeString(target, "<html></html>");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }
}
