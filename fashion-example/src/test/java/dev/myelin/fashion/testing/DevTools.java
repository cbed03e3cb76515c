package dev.myelin.fashion.testing;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.json.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, on the JDK's own WebSocket client: enough
 * to open a page, set a file input, run a line of script and read the page back, as a person would
 * use it. The browser runs in a throwaway profile and is killed on {@link #close()}.
 */
public final class DevTools implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private DevTools(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** Starts Chromium with a blank page and connects to that page. */
    public static DevTools start(Path scratch) throws Exception {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Process browser = new ProcessBuilder(Chromium.binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
                .redirectOutput(scratch.resolve("chromium.out").toFile())
                .redirectError(scratch.resolve("chromium.err").toFile())
                .start();
        try {
            int port = debuggingPort(profile, browser, scratch);
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = null;
            for (Object target : JsonFields.array(JsonFields.parse(list), "targets")) {
                Map<String, Object> t = JsonFields.object(target, "target");
                if ("page".equals(t.get("type"))) {
                    pageSocket = (String) t.get("webSocketDebuggerUrl");
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IOException("Chromium lists no page to drive: " + list);
            }
            DevTools[] self = new DevTools[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                private final StringBuilder message = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    message.append(data);
                    if (last) {
                        self[0].receive(message.toString());
                        message.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new DevTools(browser, socket);
            return self[0];
        } catch (Exception e) {
            browser.destroyForcibly();
            throw e;
        }
    }

    /** Chromium writes the port it chose to DevToolsActivePort in its profile once it listens. */
    private static int debuggingPort(Path profile, Process browser, Path scratch) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!browser.isAlive()) {
                throw new IOException("Chromium exited with " + browser.exitValue() + ": "
                        + Files.readString(scratch.resolve("chromium.err")));
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not open its debugging port within " + TIMEOUT.toSeconds() + " s");
    }

    private void receive(String text) {
        try {
            Map<String, Object> message = JsonFields.object(JsonFields.parse(text), "DevTools message");
            if (message.get("id") instanceof Number id) {
                CompletableFuture<Map<String, Object>> future = pending.remove(id.intValue());
                if (future != null) {
                    future.complete(message);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Calls a DevTools method and returns its result, or fails with the error the browser gave. */
    public Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        socket.sendText(JsonWriter.write(request), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<String, Object> message = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message.containsKey("error")) {
            throw new IOException(method + " failed: " + message.get("error"));
        }
        return JsonFields.object(message.get("result"), method);
    }

    /** Opens {@code url} and waits until the page has loaded. */
    public void open(URI url) throws Exception {
        call("Page.navigate", Map.of("url", url.toString()));
        waitFor("document.readyState === 'complete' && location.href.startsWith('" + url + "')");
    }

    /** Evaluates a JavaScript expression in the page and returns its value (strings, numbers, booleans). */
    public Object eval(String expression) throws Exception {
        Map<String, Object> result = call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.containsKey("exceptionDetails")) {
            throw new IOException("script failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return JsonFields.object(result.get("result"), "result").get("value");
    }

    /** Polls a JavaScript condition until it holds. */
    public void waitFor(String condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Boolean.TRUE.equals(eval("Boolean(" + condition + ")"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never reached: " + condition);
            }
            Thread.sleep(50);
        }
    }

    /** Chooses {@code file} in the page's file input matching {@code selector}, as a person picking it would. */
    public void chooseFile(String selector, Path file) throws Exception {
        Map<String, Object> document = call("DOM.getDocument", Map.of("depth", 0));
        Object root = JsonFields.object(document.get("root"), "root").get("nodeId");
        Object input = call("DOM.querySelector", Map.of("nodeId", root, "selector", selector)).get("nodeId");
        if (!(input instanceof Number n) || n.intValue() == 0) {
            throw new AssertionError("the page has no " + selector);
        }
        List<Object> files = new ArrayList<>();
        files.add(file.toAbsolutePath().toString());
        call("DOM.setFileInputFiles", Map.of("nodeId", input, "files", files));
    }

    /**
     * Kills the browser and every process it started (renderers, the zygote, the GPU process), and
     * waits for them: a child still writing into the profile would make the test's temporary
     * directory fail to delete.
     */
    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> family = new ArrayList<>(browser.descendants().toList());
        family.add(browser.toHandle());
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // gone already, or stuck: the temporary directory's cleanup will say so
            }
        }
    }
}
