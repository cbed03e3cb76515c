package dev.myelin.fashion.run;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lock of a folder that one process writes: {@value RunDirectory#LOCK}, held from before the first
 * file is written until the last one is.
 *
 * <p>Holding it means holding an operating-system lock ({@link FileChannel#tryLock()}) on the file,
 * which the system releases when the process ends, however it ends: a {@code kill -9} cannot leave the
 * folder locked for ever. The file also says who holds it (process id, host, start time, a random
 * token), so that a refused writer can name the holder. A clean release deletes the file while still
 * holding the lock; a file found when taking the lock was therefore left by a process that died, and
 * is taken over with a note. Its holder is checked too ({@link ProcessHandle}): a holder still alive
 * on this host means the file system does not honour locks, and the lock is refused all the same.
 *
 * <p>Taking over a dead writer's lock also deletes the temporary files ({@code *.tmp}) it may have left
 * half written; the run's own files are only ever replaced whole, by renaming.
 *
 * <p>Deleting a lock file while another process waits on it is safe: after locking, the taker reads the
 * file back by its name and finds its own token there, or starts again.
 */
public final class RunLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Another process writes the folder; the message names it. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /**
     * Creates {@code dir} if needed and locks it, or fails naming the holder. A lock left by a process
     * that is gone is taken over, and {@code notes} says so.
     *
     * @throws HeldException if another process (or another command of this one) holds the lock
     */
    public static RunLock acquire(Path dir, PrintStream notes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(RunDirectory.LOCK);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw held(dir, read(file));
            }
            Map<String, String> previous = read(channel);
            Optional<ProcessHandle> alive = previous.isEmpty() ? Optional.empty() : aliveHolder(previous);
            if (alive.isPresent()) { // the OS lock did not stop it: a file system that ignores locks
                lock.release();
                channel.close();
                throw held(dir, previous);
            }
            String token = UUID.randomUUID().toString();
            byte[] mine = describe(token).getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(mine), 0);
            channel.force(true);
            if (token.equals(readByName(file).get("token"))) {
                if (!previous.isEmpty()) {
                    notes.println("note: " + dir + " was locked by " + holder(previous)
                            + ", which is gone (killed?); taking the lock over");
                    removeTemporaryFiles(dir);
                }
                return new RunLock(file, channel, lock);
            }
            // The file was deleted (a clean release) between our open and our lock: try the new one.
            lock.release();
            channel.close();
        }
        throw new IOException("could not lock " + dir + ": its lock file " + file + " kept changing");
    }

    /**
     * Fails, naming the holder, if another process holds the lock of {@code dir} now; creates nothing.
     * For the checks a command makes before it starts writing, so that they do not report the other
     * process's half-written files as the folder's state.
     *
     * @throws HeldException if the lock is held
     */
    public static void refuseIfHeld(Path dir) throws IOException {
        Path file = dir.resolve(RunDirectory.LOCK);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw held(dir, read(file));
            }
            try {
                Map<String, String> holder = read(channel);
                if (!holder.isEmpty() && aliveHolder(holder).isPresent()) {
                    throw held(dir, holder);
                }
            } finally {
                lock.release();
            }
        } catch (NoSuchFileException released) {
            // its holder has just finished
        }
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Deletes the temporary files a killed writer left behind: every file is written to a temporary
     * name ending in {@code .tmp} and renamed over its own, so these are never a run's files.
     */
    private static void removeTemporaryFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(f)).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String describe(String token) {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder text = new StringBuilder();
        text.append("pid=").append(self.pid()).append('\n');
        text.append("host=").append(host()).append('\n');
        text.append("started=").append(Instant.now()).append('\n');
        self.info().startInstant().ifPresent(s -> text.append("process_start=").append(s).append('\n'));
        self.info().commandLine().ifPresent(c -> text.append("command=").append(c.replace('\n', ' ')).append('\n'));
        text.append("token=").append(token).append('\n');
        return text.toString();
    }

    /** The process named by a lock file, when it runs on this host and is alive (the same process, not a reused pid). */
    private static Optional<ProcessHandle> aliveHolder(Map<String, String> lock) {
        if (!host().equals(lock.get("host"))) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lock.getOrDefault("pid", ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
            String start = lock.get("process_start");
            return start == null || p.info().startInstant().map(s -> s.toString().equals(start)).orElse(true);
        });
    }

    private static HeldException held(Path dir, Map<String, String> lock) {
        return new HeldException(dir + " is being written by " + holder(lock) + ". Wait for it to finish, or "
                + "choose another --out. If that process is gone and the lock stays, delete "
                + dir.resolve(RunDirectory.LOCK) + ".");
    }

    private static String holder(Map<String, String> lock) {
        if (lock.isEmpty()) {
            return "a process that is just starting";
        }
        String text = "process " + lock.getOrDefault("pid", "?");
        if (lock.containsKey("host")) {
            text += " on " + lock.get("host");
        }
        if (lock.containsKey("started")) {
            text += ", started " + lock.get("started");
        }
        if (String.valueOf(ProcessHandle.current().pid()).equals(lock.get("pid")) && host().equals(lock.get("host"))) {
            text += " (this process)";
        }
        return text;
    }

    private static Map<String, String> read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        return parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> read(Path file) {
        try {
            return readByName(file);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static Map<String, String> readByName(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Map.of();
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static String host() {
        return Host.NAME;
    }

    /** This machine's name, looked up once (it may ask a name server). */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown-host";
            }
        }
    }
}
