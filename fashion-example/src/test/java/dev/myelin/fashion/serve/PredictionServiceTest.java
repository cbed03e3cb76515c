package dev.myelin.fashion.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.testing.Http;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.testing.TrainedRuns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionServiceTest {
    @TempDir
    static Path work;

    static FashionClassifier classifier;
    static PredictionService service;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        classifier = FashionClassifier.load(TrainedRuns.cnn(work), 2);
        service = PredictionService.start(classifier, "tiny-cnn", "127.0.0.1", 0, 2);
        http = new Http(URI.create("http://127.0.0.1:" + service.address().getPort() + "/"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void bindsToTheLoopbackAddressByDefault() {
        assertTrue(service.address().getAddress().isLoopbackAddress(), service.address().toString());
    }

    @Test
    void health() throws Exception {
        Http.Answer answer = http.get("health");
        assertEquals(200, answer.status());
        assertEquals("ok", answer.json().get("status"));
        assertEquals("cnn", answer.json().get("model"));
        assertEquals("tiny-cnn", answer.json().get("run"));
    }

    @Test
    void thePageIsServed() throws Exception {
        var response = http.raw(HttpRequest.newBuilder(http.uri("")).GET().build());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("<canvas id=\"pad\""), "the page has the drawing pad");
    }

    @Test
    void predictsAPicture() throws Exception {
        Http.Answer answer = http.post("predict", "image/png", TrainedRuns.png(7));
        assertEquals(200, answer.status(), answer.body());
        List<?> predictions = (List<?>) answer.json().get("predictions");
        assertEquals(3, predictions.size());
        Map<?, ?> first = (Map<?, ?>) predictions.get(0);
        assertEquals("Sneaker", first.get("class"));
        assertEquals(7L, ((Number) first.get("label")).longValue());
        assertTrue(((Number) answer.json().get("milliseconds")).doubleValue() >= 0);
        assertTrue(!answer.json().containsKey("saliency"), "saliency only when asked");
    }

    @Test
    void predictsPixelsGivenAsJsonWithTheSaliencyMapWhenAsked() throws Exception {
        float[] pixels = TinyFashion.template(2);
        StringBuilder json = new StringBuilder("{\"pixels\": [");
        for (int i = 0; i < pixels.length; i++) {
            json.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        json.append("]}");
        Http.Answer answer = http.post("predict?top=5&saliency=true", "application/json",
                json.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
        List<?> predictions = (List<?>) answer.json().get("predictions");
        assertEquals(5, predictions.size());
        Map<?, ?> first = (Map<?, ?>) predictions.get(0);
        assertEquals(classifier.predictPixels(pixels, 1).get(0).className(), first.get("class"));
        assertEquals(784, ((List<?>) answer.json().get("saliency")).size());
        assertEquals(784, ((List<?>) answer.json().get("image")).size());
    }

    private static void assertBadRequest(Http.Answer answer, String expected) {
        assertEquals(400, answer.status(), answer.body());
        String error = String.valueOf(answer.json().get("error"));
        assertTrue(error.contains(expected), "error '" + error + "' should mention '" + expected + "'");
    }

    @Test
    void badInputGetsA400AndTheServiceKeepsServing() throws Exception {
        assertBadRequest(http.post("predict", "image/png", "hello".getBytes()), "not an image");
        assertBadRequest(http.post("predict", "image/png", new byte[0]), "empty");
        assertBadRequest(http.post("predict", "application/json", "{\"pixels\": [1, 2".getBytes()), "not valid JSON");
        assertBadRequest(http.post("predict", "application/json", "{\"pixels\": [0.5]}".getBytes()), "has 1 values");
        assertBadRequest(http.post("predict", "application/json", "[1]".getBytes()), "\"pixels\"");
        assertBadRequest(http.post("predict", "application/json",
                ("{\"pixels\": [2" + ",0".repeat(783) + "]}").getBytes()), "not a number in [0, 1]");
        assertBadRequest(http.post("predict?top=11", "image/png", TrainedRuns.png(1)), "top must be");
        assertBadRequest(http.post("predict?invert=maybe", "image/png", TrainedRuns.png(1)), "invert must be");
        assertBadRequest(http.post("predict", "application/octet-stream", new byte[PredictionService.MAX_BODY + 1]),
                "too large");

        assertEquals(404, http.get("nothing-here").status());
        assertEquals(405, http.get("predict").status());
        assertEquals(200, http.post("predict", "image/png", TrainedRuns.png(1)).status());
    }

    @Test
    void aPictureTooLargeIsRefusedFromItsHeader() throws Exception {
        // 5000x4 pixels compress to a few hundred bytes, under the body limit; decoded they would pass
        // any pixel budget, but a side is over 4,096, and the header alone says so.
        BufferedImage wide = new BufferedImage(5000, 4, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(wide, "png", png);
        assertBadRequest(http.post("predict", "image/png", png.toByteArray()), "4096 pixels a side");
    }
}
