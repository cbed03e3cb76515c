package dev.myelin.fashion.data;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the dataset lives: {@code --data DIR} if given, else the directory named by the environment
 * variable {@value #ENV}, else {@code data/fashion-mnist} relative to the working directory.
 * Every command resolves it here, so they all agree.
 *
 * @param dir the directory
 * @param origin how it was chosen, for messages ("--data", "FASHION_MNIST_DIR" or "default")
 */
public record DataLocation(Path dir, String origin) {
    public static final String ENV = "FASHION_MNIST_DIR";
    public static final Path DEFAULT = Path.of("data", "fashion-mnist");

    /**
     * @param option the directory given on the command line, or {@code null}
     * @param env the environment, usually {@code System.getenv()}
     */
    public static DataLocation resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return new DataLocation(option, "--data");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataLocation(Path.of(fromEnv), ENV);
        }
        return new DataLocation(DEFAULT, "default");
    }

    /**
     * Checks that {@code dir} is a directory or does not exist yet (to be created by a download).
     *
     * @throws FileSystemException saying what {@code dir} is instead (a file, a FIFO or device) and
     *     where the dataset folder is chosen
     */
    public static void requireDirectory(Path dir) throws FileSystemException {
        if (Files.isDirectory(dir) || !Files.exists(dir)) {
            return;
        }
        String what = Files.isRegularFile(dir) ? "is a file" : "is not a regular file (a FIFO, socket or device)";
        throw new FileSystemException(dir.toString(), null, what + ", not a directory: the Fashion-MNIST folder (--data"
                + " DIR, else $" + ENV + ", else " + DEFAULT + ") must be a directory");
    }
}
