package dev.myelin.fashion.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.api.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP face of a {@link FashionClassifier}, on the JDK's own server ({@code jdk.httpserver}).
 *
 * <pre>
 * GET  /          a page to upload, drop or draw a picture and see the top classes and the saliency map
 * GET  /health    {"status": "ok", "model": "cnn", "run": "..."}; for weights holding NaN or infinity,
 *                 "status": "warning" with the "warning" and the "nonFiniteWeights" by name
 * POST /predict   a picture, or {"pixels": [784 numbers]}; ?top=K (default 3), ?invert=true,
 *                 ?saliency=true. Answers {"predictions": [{"label", "class", "probability"}, ...],
 *                 "milliseconds": ...}, with "image" (the 28x28 the model saw) and "saliency" when asked.
 * </pre>
 *
 * <p>Requests run on a fixed pool of {@code threads} workers. When all are busy, up to {@value #QUEUE}
 * more requests wait in a queue; past that the server stops accepting connections until a worker is
 * free (they wait in the operating system's backlog), so a flood of requests cannot exhaust memory.
 * Bad input gets 400 and a JSON {"error": "..."}; the service keeps serving.
 */
public final class PredictionService implements AutoCloseable {
    /** Largest request body accepted. */
    public static final int MAX_BODY = 5 * 1024 * 1024;
    static final int QUEUE = 64;

    private final FashionClassifier classifier;
    private final String runName;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final byte[] page;

    private PredictionService(FashionClassifier classifier, String runName, HttpServer server, int threads) {
        this.classifier = classifier;
        this.runName = runName;
        this.server = server;
        this.page = resource("index.html");
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread t = new Thread(task, "serve-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (task, pool) -> { // queue full: hold the accepting thread until there is room (back-pressure)
                    try {
                        pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code classifier} on {@code host:port} (port 0 picks a free one).
     *
     * @param threads request workers, at least 1
     */
    public static PredictionService start(FashionClassifier classifier, String runName, String host, int port, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        PredictionService service = new PredictionService(classifier, runName, server, threads);
        server.start();
        return service;
    }

    /** The address the service listens on (with the real port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting requests, lets those under way finish (for up to a second), and stops the workers. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/", "/index.html" -> {
                    if (allowed(exchange, method, "GET")) {
                        Exchanges.send(exchange, 200, "text/html; charset=utf-8", page);
                    }
                }
                case "/health" -> {
                    if (allowed(exchange, method, "GET")) {
                        Exchanges.json(exchange, 200, health());
                    }
                }
                case "/predict" -> {
                    if (allowed(exchange, method, "POST")) {
                        predict(exchange);
                    }
                }
                default -> Exchanges.error(exchange, 404, "no such path: " + path + " (try /, /health or POST /predict)");
            }
        } catch (IOException | RuntimeException e) {
            // The client went away mid-answer, or a fault of ours: nothing more can be sent on this
            // exchange, and the worker must live on for the next request.
            System.err.println("fashion serve: " + exchange.getRequestURI() + ": " + e);
        }
    }

    private static boolean allowed(HttpExchange exchange, String method, String expected) throws IOException {
        if (method.equals(expected)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", expected);
        Exchanges.error(exchange, 405, method + " is not allowed here; use " + expected);
        return false;
    }

    private Map<String, Object> health() {
        Map<String, Object> json = new LinkedHashMap<>();
        Optional<String> warning = classifier.weightsWarning();
        json.put("status", warning.isEmpty() ? "ok" : "warning");
        json.put("model", classifier.preset());
        json.put("run", runName);
        json.put("saliency", classifier.saliencyUnavailable().isEmpty());
        warning.ifPresent(w -> {
            json.put("warning", w);
            json.put("nonFiniteWeights", classifier.nonFiniteWeights());
        });
        return json;
    }

    private void predict(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        Map<String, Object> answer;
        try {
            int top = topK(Exchanges.query(exchange, "top", "3"));
            boolean invert = flag(exchange, "invert");
            boolean saliency = flag(exchange, "saliency");
            byte[] body = Exchanges.body(exchange, MAX_BODY);
            PredictRequest request = PredictRequest.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body, invert);
            answer = answer(request.pixels(), top, saliency);
        } catch (BadRequest e) {
            Exchanges.error(exchange, 400, e.getMessage());
            return;
        }
        answer.put("milliseconds", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
        Exchanges.json(exchange, 200, answer);
    }

    private Map<String, Object> answer(float[] pixels, int top, boolean withSaliency) {
        float[] probabilities = classifier.probabilities(pixels);
        List<Prediction> predictions = classifier.top(probabilities, top);
        List<Object> rows = new ArrayList<>();
        for (Prediction p : predictions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", p.label());
            row.put("class", p.className());
            row.put("probability", p.probability());
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("predictions", rows);
        if (withSaliency) {
            json.put("image", pixels);
            if (classifier.saliencyUnavailable().isEmpty()) {
                json.put("saliency", classifier.saliency(pixels, predictions.get(0).label()));
            } else {
                json.put("saliency_unavailable", classifier.saliencyUnavailable().get());
            }
        }
        return json;
    }

    private static int topK(String value) throws BadRequest {
        try {
            int k = Integer.parseInt(value);
            if (k >= 1 && k <= 10) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest("top must be a whole number from 1 to 10, not '" + value + "'");
    }

    private static boolean flag(HttpExchange exchange, String name) throws BadRequest {
        String value = Exchanges.query(exchange, name, "false");
        return switch (value) {
            case "true", "1", "" -> true;
            case "false", "0" -> false;
            default -> throw new BadRequest(name + " must be true or false, not '" + value + "'");
        };
    }

    private static byte[] resource(String name) {
        try (InputStream in = PredictionService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the program is missing its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
