package dev.myelin.fashion.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.testing.Http;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.testing.TrainedRuns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients send 500 requests each at once; every answer must equal the prediction made alone,
 * in one thread, before the service started. Prints throughput and latency percentiles.
 *
 * <p>By default the model is a cnn trained in seconds on tiny data. To measure a real run on the real
 * test images (docs/deploy.md): {@code MYELIN_LOAD_RUN=runs/cnn FASHION_MNIST_DIR=... ./mvnw -pl
 * fashion-example test -Dtest=ServeLoadTest} (from the repository root, with core built).
 */
class ServeLoadTest {
    private static final int CLIENTS = 8;
    private static final int REQUESTS = 500;
    private static final int IMAGES = 200;

    @TempDir
    Path work;

    /** One prepared request: its body, and the top-3 labels and probabilities expected back. */
    private record Case(String contentType, byte[] body, int[] labels, float[] probabilities) {}

    @Test
    void eightClientsGetTheSingleThreadedAnswers() throws Exception {
        String chosen = System.getenv("MYELIN_LOAD_RUN");
        Path run = chosen == null || chosen.isBlank() ? TrainedRuns.cnn(work) : Path.of(chosen);
        float[][] images = chosen == null || chosen.isBlank() ? tinyImages() : testImages();
        int threads = Runtime.getRuntime().availableProcessors();
        FashionClassifier classifier = FashionClassifier.load(run, threads);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            boolean asPicture = i % 2 == 0;
            byte[] body = asPicture ? png(images[i]) : json(images[i]);
            float[] pixels = asPicture ? FashionClassifier.toPixels(body, false, PredictRequest.MAX_SIDE) : images[i];
            float[] p = classifier.probabilities(pixels);
            var top = classifier.top(p, 3);
            cases.add(new Case(asPicture ? "image/png" : "application/json", body,
                    top.stream().mapToInt(t -> t.label()).toArray(), new float[] {
                        top.get(0).probability(), top.get(1).probability(), top.get(2).probability()}));
        }

        try (PredictionService service = PredictionService.start(classifier, run.getFileName().toString(),
                "127.0.0.1", 0, threads)) {
            Http http = new Http(URI.create("http://127.0.0.1:" + service.address().getPort() + "/"));
            for (int i = 0; i < 20; i++) { // warm-up, untimed
                Case c = cases.get(i);
                http.post("predict", c.contentType(), c.body());
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long[] latencies = new long[CLIENTS * REQUESTS];
            long start = System.nanoTime();
            List<Future<Integer>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                clients.add(pool.submit(() -> {
                    int errors = 0;
                    for (int r = 0; r < REQUESTS; r++) {
                        Case c = cases.get((id * 37 + r) % cases.size());
                        long t0 = System.nanoTime();
                        Http.Answer answer = http.post("predict", c.contentType(), c.body());
                        latencies[id * REQUESTS + r] = System.nanoTime() - t0;
                        if (answer.status() != 200 || !matches(answer.json(), c)) {
                            errors++;
                            System.err.println("wrong answer: " + answer.status() + " " + answer.body());
                        }
                    }
                    return errors;
                }));
            }
            int errors = 0;
            for (Future<Integer> f : clients) {
                errors += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "serve load: %s (%s), %d clients x %d requests, %d server threads: "
                            + "%.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%n",
                    run.getFileName(), classifier.preset(), CLIENTS, REQUESTS, threads, latencies.length / seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                    latencies[latencies.length - 1] / 1e6, errors);
            assertEquals(0, errors, "requests with an error or an answer unlike the single-threaded one");
        }
    }

    private static boolean matches(Map<String, Object> json, Case expected) {
        List<?> predictions = (List<?>) json.get("predictions");
        if (predictions.size() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            Map<?, ?> p = (Map<?, ?>) predictions.get(i);
            if (((Number) p.get("label")).intValue() != expected.labels()[i]
                    || ((Number) p.get("probability")).floatValue() != expected.probabilities()[i]) {
                return false;
            }
        }
        return true;
    }

    private static float[][] tinyImages() {
        Random random = new Random(11);
        float[][] images = new float[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            images[i] = TinyFashion.template(i % 10);
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = Math.clamp(images[i][p] * 0.85f + 0.15f * random.nextFloat(), 0f, 1f);
            }
        }
        return images;
    }

    private static float[][] testImages() throws Exception {
        String dir = System.getenv("FASHION_MNIST_DIR");
        ImageSet test = FashionMnist.loadTest(Path.of(dir == null ? "data/fashion-mnist" : dir));
        float[][] images = new float[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            images[i] = test.image(i);
        }
        return images;
    }

    private static byte[] png(float[] pixels) throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < pixels.length; p++) {
            image.getRaster().setSample(p % 28, p / 28, 0, Math.round(255 * pixels[p]));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] json(float[] pixels) {
        StringBuilder s = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < pixels.length; i++) {
            s.append(i == 0 ? "" : ", ").append(pixels[i]);
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
