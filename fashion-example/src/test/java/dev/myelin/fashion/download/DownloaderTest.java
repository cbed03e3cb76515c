package dev.myelin.fashion.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.myelin.fashion.data.DatasetFile;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.TinyFashion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against local HTTP servers that play good, corrupt, missing and dead mirrors. */
class DownloaderTest {
    @TempDir
    Path source;

    @TempDir
    Path target;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private List<DatasetFile> files;

    @BeforeEach
    void generateFiles() {
        files = TinyFashion.write(source, 30, 10, 7);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    /** A mirror serving the files in {@code root}, each passed through {@code content}; counts its requests. */
    private URI mirror(Path root, UnaryOperator<byte[]> content, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fashion/", exchange -> {
            requests.incrementAndGet();
            Path file = root.resolve(exchange.getRequestURI().getPath().substring("/fashion/".length()));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = content.apply(Files.readAllBytes(file));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fashion/");
    }

    private URI goodMirror(AtomicInteger requests) throws IOException {
        return mirror(source, bytes -> bytes, requests);
    }

    /** An address where nothing listens. */
    private static URI deadMirror() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/fashion/");
    }

    private Downloader downloader(URI... mirrors) {
        return new Downloader(List.of(mirrors), files, new PrintStream(log, true, StandardCharsets.UTF_8), false);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private void assertAllValid() throws IOException {
        for (DatasetFile file : files) {
            assertEquals(file.md5(), Md5.of(target.resolve(file.name())), file.name());
        }
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(4, left.count(), "no temporary files are left behind");
        }
    }

    @Test
    void downloadsAndVerifiesEveryFile() throws Exception {
        AtomicInteger requests = new AtomicInteger();

        downloader(goodMirror(requests)).fetchAll(target);

        assertAllValid();
        assertEquals(4, requests.get());
        assertTrue(log().contains(FashionMnist.TRAIN_IMAGES + ": MD5 ok, saved"), log());
        assertTrue(FashionMnist.load(target).train().size() == 30);
    }

    @Test
    void aCorruptMirrorIsFollowedByTheNextOne() throws Exception {
        AtomicInteger corruptRequests = new AtomicInteger();
        AtomicInteger goodRequests = new AtomicInteger();
        URI corrupt = mirror(source, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length / 2] ^= 1;
            return copy;
        }, corruptRequests);

        downloader(corrupt, goodMirror(goodRequests)).fetchAll(target);

        assertAllValid();
        assertEquals(4, corruptRequests.get());
        assertEquals(4, goodRequests.get());
        assertTrue(log().contains("MD5 of the download is"), log());
        assertTrue(log().contains("trying the next mirror"), log());
    }

    @Test
    void missingFilesAndDeadMirrorsAreSkipped() throws Exception {
        Path nothing = Files.createDirectory(source.resolve("nothing"));
        URI empty = mirror(nothing, bytes -> bytes, new AtomicInteger()); // every file is a 404

        downloader(deadMirror(), empty, goodMirror(new AtomicInteger())).fetchAll(target);

        assertAllValid();
        assertTrue(log().contains("HTTP 404"), log());
        assertTrue(log().contains("could not connect"), log());
    }

    @Test
    void whenEveryMirrorFailsTheMessageSaysHowToPlaceTheFilesByHand() throws Exception {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(deadMirror(), deadMirror()).fetchAll(target));

        String message = e.getMessage();
        assertTrue(message.startsWith("could not download " + FashionMnist.TRAIN_IMAGES + " from any mirror"), message);
        assertTrue(message.contains(target.toAbsolutePath().normalize().toString()), message);
        for (DatasetFile file : files) {
            assertTrue(message.contains(file.name()) && message.contains(file.md5()), message);
        }
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(0, left.count(), "nothing half-downloaded is left");
        }
    }

    @Test
    void filesAlreadyPresentAndValidAreKept() throws Exception {
        for (DatasetFile file : files) {
            Files.copy(source.resolve(file.name()), target.resolve(file.name()));
        }
        AtomicInteger requests = new AtomicInteger();

        downloader(goodMirror(requests)).fetchAll(target);

        assertEquals(0, requests.get());
        assertEquals(4, log().lines().filter(line -> line.endsWith("already present, MD5 ok")).count(), log());
        assertAllValid();
    }

    @Test
    void aCorruptFileAlreadyPresentIsReplaced() throws Exception {
        for (DatasetFile file : files) {
            Files.copy(source.resolve(file.name()), target.resolve(file.name()));
        }
        Files.writeString(target.resolve(FashionMnist.TEST_LABELS), "not a label file");
        AtomicInteger requests = new AtomicInteger();

        downloader(goodMirror(requests)).fetchAll(target);

        assertEquals(1, requests.get());
        assertTrue(log().contains(FashionMnist.TEST_LABELS + ": present but its MD5 is"), log());
        assertAllValid();
    }

    @Test
    void theOfficialListHasTheFourFilesAndThreeMirrors() {
        assertEquals(List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
                FashionMnist.FILES.stream().map(DatasetFile::md5).toList());
        assertEquals(3, Mirrors.FASHION_MNIST.size());
        Mirrors.FASHION_MNIST.forEach(uri -> assertTrue(uri.toString().endsWith("/"), uri.toString()));
    }
}
