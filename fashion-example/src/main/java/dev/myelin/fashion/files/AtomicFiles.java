package dev.myelin.fashion.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
 * same directory, which is then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to {@code target}, creating its parent directories. Errors name {@code target},
     * never the temporary file, which the user did not ask for and will not find.
     *
     * @throws FileSystemException naming {@code target} if it is a directory, or cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a directory, not a file to write");
        }
        Path dir = target.toAbsolutePath().getParent();
        createFolders(target, dir);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
            Files.write(temp, bytes);
            readableByAll(temp);
            moveOver(temp, target);
        } catch (FileSystemException e) {
            throw about(target, e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Creates {@code dir} and its parents, or says which of them is a file and so cannot hold {@code target}. */
    private static void createFolders(Path target, Path dir) throws FileSystemException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new FileSystemException(target.toString(), null, p + " is a file, not a folder, so it cannot hold it");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw about(target, e);
        } catch (IOException e) {
            FileSystemException named = new FileSystemException(target.toString(), null, "cannot create its folder " + dir
                    + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    /** {@code e}, which may name the temporary file, told of {@code target} instead. */
    private static FileSystemException about(Path target, FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        FileSystemException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(target.toString(), null, reason)
                : new FileSystemException(target.toString(), null, reason);
        named.initCause(e);
        return named;
    }

    /**
     * A temporary file is created readable by its owner only; the page or table it becomes is meant
     * to be shared like any file the user writes (rw-r--r--, where the file system has permissions).
     */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Renames {@code source} to {@code target}, replacing it; atomically where the file system can. */
    public static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
