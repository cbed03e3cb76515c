package dev.myelin.fashion.download;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.DatasetFile;
import dev.myelin.fashion.files.AtomicFiles;
import dev.myelin.fashion.progress.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.IOUtils;

/**
 * Fetches a dataset's files into a directory, trying each mirror in turn, and keeps only files whose
 * MD5 matches the published one.
 *
 * <p>A file already present with the right MD5 is kept. A download goes to a temporary file in the
 * target directory and is renamed to its real name only once its MD5 is verified, so an interrupted
 * or corrupt download never leaves a file that looks valid. When every mirror fails for a file, the
 * {@link DownloadException} lists the files, their checksums and the directory, for placing them by
 * hand.
 */
public final class Downloader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int BUFFER = 1 << 16;

    private final List<URI> mirrors;
    private final List<DatasetFile> files;
    private final PrintStream out;
    private final boolean interactive;
    private final HttpClient client;

    /**
     * @param mirrors base addresses, each ending with '/', where the files are found by name
     * @param files the files to fetch, with their published MD5 checksums
     * @param out where progress and messages go
     * @param interactive whether {@code out} is a terminal (progress redrawn in place)
     */
    public Downloader(List<URI> mirrors, List<DatasetFile> files, PrintStream out, boolean interactive) {
        this.mirrors = List.copyOf(mirrors);
        this.files = List.copyOf(files);
        this.out = out;
        this.interactive = interactive;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Makes sure every file is in {@code dir} with its published MD5. */
    public void fetchAll(Path dir) throws IOException {
        DataLocation.requireDirectory(dir);
        Files.createDirectories(dir);
        for (DatasetFile file : files) {
            fetch(dir, file);
        }
    }

    private void fetch(Path dir, DatasetFile file) throws IOException {
        Path target = dir.resolve(file.name());
        if (Files.isRegularFile(target)) {
            String md5 = Md5.of(target);
            if (md5.equalsIgnoreCase(file.md5())) {
                out.println(file.name() + ": already present, MD5 ok");
                return;
            }
            out.println(file.name() + ": present but its MD5 is " + md5 + ", not " + file.md5() + "; downloading it again");
        }
        List<String> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(file.name());
            try {
                download(uri, dir, file);
                return;
            } catch (MirrorFailure | IOException e) {
                String reason = describe(e);
                failures.add(uri + ": " + reason);
                out.println(file.name() + ": " + uri.getScheme() + "://" + uri.getHost() + " failed (" + reason + ")"
                        + (mirror.equals(mirrors.getLast()) ? "" : "; trying the next mirror"));
            }
        }
        throw new DownloadException(handPlacement(dir, file, failures));
    }

    private void download(URI uri, Path dir, DatasetFile file) throws IOException, MirrorFailure {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "myelin-fashion")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new MirrorFailure("HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            Path temp = Files.createTempFile(dir, file.name() + ".", ".part");
            try {
                String md5 = copy(body, temp, file.name(), length);
                if (!md5.equalsIgnoreCase(file.md5())) {
                    throw new MirrorFailure("MD5 of the download is " + md5 + ", expected " + file.md5());
                }
                AtomicFiles.moveOver(temp, dir.resolve(file.name()));
                out.println(file.name() + ": MD5 ok, saved");
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Copies the body to {@code temp}, showing progress; returns its MD5. */
    private String copy(InputStream body, Path temp, String name, long length) throws IOException {
        MessageDigest digest = Md5.newDigest();
        try (ProgressBar bar = new ProgressBar(name, length, ProgressBar.Unit.bytes(), out, interactive, System::nanoTime);
                InputStream in = Md5.digesting(new ProgressInputStream(body, bar), digest);
                OutputStream to = Files.newOutputStream(temp)) {
            IOUtils.copyLarge(in, to, new byte[BUFFER]);
        }
        return Md5.hex(digest);
    }

    private String handPlacement(Path dir, DatasetFile failed, List<String> failures) {
        StringBuilder message = new StringBuilder("could not download " + failed.name() + " from any mirror:\n");
        failures.forEach(f -> message.append("  ").append(f).append('\n'));
        message.append("If this machine is offline, fetch these files elsewhere and put them in ")
                .append(dir.toAbsolutePath().normalize()).append(":\n");
        for (DatasetFile file : files) {
            message.append(String.format("  %-28s MD5 %s%n", file.name(), file.md5()));
        }
        message.append("then run ./fashion download again to check them.");
        return message.toString();
    }

    private static String describe(Exception e) {
        return switch (e) {
            case MirrorFailure f -> f.getMessage();
            case HttpTimeoutException t -> "timed out";
            case UnknownHostException u -> "unknown host";
            case ConnectException c when c.getCause() instanceof UnresolvedAddressException -> "unknown host";
            case ConnectException c -> "could not connect";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** A mirror answered, but not with the file. */
    private static final class MirrorFailure extends Exception {
        private static final long serialVersionUID = 1L;

        MirrorFailure(String message) {
            super(message);
        }
    }
}
