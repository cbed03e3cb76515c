package dev.myelin.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers, and a crash at any moment, see either the old contents or the
 * complete new contents, never a mixture or a truncated file.
 *
 * <p>The new contents go to a temporary file in the target's directory (so that the rename stays on one
 * file system), are forced to the storage device with {@link FileChannel#force(boolean) force(true)},
 * and the temporary file is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE ATOMIC_MOVE}. If anything fails before the rename, the
 * temporary file is deleted and the target is untouched. After the rename the directory is forced too,
 * where the platform allows it (Linux and macOS; not Windows), so that the rename itself survives a
 * power cut.
 *
 * <p>Where the file system cannot rename atomically (some network or FUSE mounts), the rename falls
 * back to an ordinary replacing move and a {@link System.Logger.Level#WARNING WARNING} is logged through
 * {@link System#getLogger}: the new file is still complete before it takes the target's name, but a
 * crash during that move may leave no file under the target name.
 */
final class AtomicWrite {
    private static final System.Logger LOG = System.getLogger(AtomicWrite.class.getName());

    private AtomicWrite() {
    }

    /** Writes the new contents into an open channel; whatever it throws aborts the replacement. */
    @FunctionalInterface
    interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code file} with what {@code body} writes, atomically where the file system allows it.
     *
     * @throws IOException whatever {@code body} or the file system threw; {@code file} is then unchanged
     *     and no temporary file is left behind. A file-system error names {@code file}, not the temporary
     *     file, which the caller never asked for (a directory as {@code file} is refused before anything
     *     is written).
     */
    static void write(Path file, Body body) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file to write");
        }
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(true);
            }
            move(temp, target);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            if (failure instanceof FileSystemException f && temp.toString().equals(f.getFile())) {
                String reason = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
                FileSystemException named = switch (f) {
                    case AccessDeniedException a -> new AccessDeniedException(file.toString(), null, reason);
                    case NoSuchFileException n -> new NoSuchFileException(file.toString(), null, reason);
                    default -> new FileSystemException(file.toString(), null, reason);
                };
                named.initCause(f);
                throw named;
            }
            throw failure;
        }
        forceDirectory(target.getParent());
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot rename atomically over " + target + " (" + e.getMessage()
                    + "); replacing it with an ordinary move, so a crash during the move may lose the file");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Best effort: the file's data is already safe, and some platforms cannot open a directory at all. */
    private static void forceDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not force directory " + directory + ": " + e);
        }
    }
}
