package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.FashionCli;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.Http;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.fashion.train.PresetModelLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path work;

    @Test
    void servesARunUntilStopped() throws Exception {
        Path run = TrainedRuns.cnn(work);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FashionContext context = new FashionContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), List.of(), FashionMnist.FILES,
                new PresetModelLoader(), (options, o) -> {
                    throw new AssertionError("serve does not train");
                }, false, TestCli.CLOCK);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(FashionCli.run(context, "serve", "--run", run.toString(), "--port", "0")));
        server.start();
        Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
        Matcher m = url.matcher("");
        for (int i = 0; i < 600 && !m.find(); i++) {
            Thread.sleep(50);
            m = url.matcher(out.toString(StandardCharsets.UTF_8));
        }
        assertTrue(m.find(0), "serve prints its address: " + out.toString(StandardCharsets.UTF_8) + err);
        Http http = new Http(URI.create(m.group(1)));
        assertEquals("ok", http.get("health").json().get("status"));
        assertEquals(200, http.post("predict", "image/png", TrainedRuns.png(3)).status());

        server.interrupt();
        server.join(10_000);
        assertEquals(0, exit.get(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesABadPortAndAMissingRun() {
        TestCli cli = new TestCli();
        TestCli.Result port = cli.run("serve", "--run", work.toString(), "--port", "70000");
        assertEquals(2, port.exitCode());
        assertTrue(port.err().contains("--port must be 0 to 65535"), port.err());
        TestCli.Result missing = cli.run("serve", "--run", work.resolve("nope").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope"), missing.err());
    }
}
