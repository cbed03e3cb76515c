package dev.myelin.fashion.data;

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
}
