package dev.myelin.fashion.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.testing.Chromium;
import dev.myelin.fashion.testing.DevTools;
import dev.myelin.fashion.testing.TrainedRuns;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of {@code ./fashion serve} in a real browser: headless Chromium opens it, a picture is
 * chosen in its file input as a person would, and the predicted class is read off the page.
 */
class ServePageBrowserTest {
    @TempDir
    Path work;

    @Test
    void uploadingAPictureShowsTheTopClassesAndTheSaliencyMap() throws Exception {
        Chromium.assumeAvailable();
        FashionClassifier classifier = FashionClassifier.load(TrainedRuns.cnn(work), 2);
        Path picture = work.resolve("sneaker.png");
        Files.write(picture, TrainedRuns.png(7));
        String expected = classifier.predict(Files.readAllBytes(picture), false, 1).get(0).className();
        assertEquals("Sneaker", expected);

        try (PredictionService service = PredictionService.start(classifier, "tiny-cnn", "127.0.0.1", 0, 2);
                DevTools browser = DevTools.start(work)) {
            browser.open(URI.create("http://127.0.0.1:" + service.address().getPort() + "/"));
            browser.waitFor("document.getElementById('model').textContent.includes('cnn')");

            browser.chooseFile("#file", picture);
            browser.waitFor("['done', 'error'].includes(document.body.dataset.state)");
            assertEquals("", browser.eval("document.getElementById('error').textContent"));
            assertEquals(expected, browser.eval("document.getElementById('top1').textContent"));
            assertEquals(3, ((Number) browser.eval("document.querySelectorAll('#bars .bar').length")).intValue());
            assertEquals(expected, browser.eval("document.querySelector('#bars .bar .name').textContent"));
            // The saliency canvas shows red where the model looked: some pixel is redder than it is green.
            Object reddish = browser.eval("""
                    (() => {
                      const d = document.getElementById('saliency').getContext('2d').getImageData(0, 0, 140, 140).data;
                      let n = 0;
                      for (let i = 0; i < d.length; i += 4) if (d[i] > d[i + 1] + 40) n++;
                      return n;
                    })()""");
            assertTrue(((Number) reddish).intValue() > 0, "the saliency map is drawn");

            // Drawing on the pad: class 1's square (rows 2-9, columns 6-13 of 28) in white, then "Classify".
            browser.eval("""
                    (() => {
                      const pad = document.getElementById('pad').getContext('2d');
                      pad.fillStyle = '#000'; pad.fillRect(0, 0, 280, 280);
                      pad.fillStyle = '#fff'; pad.fillRect(60, 20, 80, 80);
                      document.body.dataset.state = '';
                      document.getElementById('classify').click();
                      return true;
                    })()""");
            browser.waitFor("['done', 'error'].includes(document.body.dataset.state)");
            assertEquals("", browser.eval("document.getElementById('error').textContent"));
            assertEquals("Trouser", browser.eval("document.getElementById('top1').textContent"));
        }
    }
}
