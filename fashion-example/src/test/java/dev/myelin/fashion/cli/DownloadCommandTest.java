package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadCommandTest {
    @TempDir
    Path source;

    @TempDir
    Path target;

    private HttpServer server;
    private final TestCli cli = new TestCli();

    @BeforeEach
    void serveTinyFashion() throws Exception {
        cli.files = TinyFashion.write(source, 20, 10, 3);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = Files.readAllBytes(source.resolve(exchange.getRequestURI().getPath().substring(1)));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        cli.mirrors = List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsIntoTheGivenDirectory() {
        TestCli.Result result = cli.run("download", "--dir", target.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(FashionMnist.missingFiles(target).isEmpty());
        assertTrue(result.out().contains("Fashion-MNIST is ready in " + target), result.out());

        TestCli.Result again = cli.run("download", "--dir", target.toString());
        assertEquals(4, again.out().lines().filter(l -> l.endsWith("already present, MD5 ok")).count(), again.out());
    }

    @Test
    void followsFashionMnistDirWithoutAnOption() {
        cli.env.put("FASHION_MNIST_DIR", target.toString());
        assertEquals(0, cli.run("download").exitCode());
        assertTrue(FashionMnist.missingFiles(target).isEmpty());
    }

    /** It said "already exists: FILE", which reads as if the dataset were there. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"download", "train", "evaluate"})
    void fashionMnistDirNamingAFileSaysItIsNotADirectory(String command) throws Exception {
        Path file = Files.writeString(target.resolve("fashion.txt"), "not a folder");
        cli.env.put("FASHION_MNIST_DIR", file.toString());

        TestCli.Result result = command.equals("evaluate")
                ? cli.run("evaluate", "--run", target.toString()) : cli.run(command);

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("fashion " + command + ": " + file + ": is a file, not a directory: the"
                + " Fashion-MNIST folder (--data DIR, else $FASHION_MNIST_DIR, else " + DataLocation.DEFAULT
                + ") must be a directory"), result.err());
    }

    @Test
    void offlineItFailsWithTheFilesTheirChecksumsAndTheDirectory() {
        server.stop(0);

        TestCli.Result result = cli.run("download", "--dir", target.toString());

        assertEquals(1, result.exitCode());
        String err = result.err();
        assertTrue(err.startsWith("fashion download: could not download " + FashionMnist.TRAIN_IMAGES), err);
        assertTrue(err.contains(target.toAbsolutePath().normalize().toString()), err);
        cli.files.forEach(f -> assertTrue(err.contains(f.name() + " ") && err.contains(f.md5()), err));
    }
}
