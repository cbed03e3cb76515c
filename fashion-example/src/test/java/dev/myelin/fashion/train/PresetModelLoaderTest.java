package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.StateDict;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code best} names the winning network, and a {@code best} run from before the switch still loads as the VGG it was. */
class PresetModelLoaderTest {
    @TempDir
    Path dir;

    private Path run(String model, String architecture, ModelPreset weights) throws IOException {
        Path run = Files.createDirectories(dir.resolve(model + "-" + architecture));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model);
        if (architecture != null) {
            config.put("architecture", architecture);
        }
        JsonWriter.write(run.resolve(RunDirectory.CONFIG), config);
        StateDict.save(Presets.create(weights, 10, 0, new Generator(1), new Generator(2)), run.resolve(RunDirectory.MODEL));
        return run;
    }

    @Test
    void bestStandsForTheResnet() {
        assertEquals(ModelPreset.RESNET, ModelPreset.BEST.architecture());
        assertEquals(Recipe.defaults(ModelPreset.RESNET), Recipe.defaults(ModelPreset.BEST));
        assertTrue(ModelPreset.BEST.hasDropout());
    }

    @Test
    void aBestRunLoadsTheNetworkItsConfigNames() throws IOException {
        TrainedModel model = new PresetModelLoader().load(RunDirectory.open(run("best", "resnet", ModelPreset.RESNET)));
        assertEquals("best", model.preset());
        assertEquals(10, model.logits(new float[2][784])[1].length);
    }

    @Test
    void aBestRunFromBeforeTheArchitectureKeyIsTheVgg() throws IOException {
        TrainedModel model = new PresetModelLoader().load(RunDirectory.open(run("best", null, ModelPreset.VGG)));
        assertEquals(10, model.logits(new float[1][784])[0].length);
    }

    @Test
    void anUnknownArchitectureIsAnError() throws IOException {
        Path run = run("best", "densenet", ModelPreset.VGG);
        IOException e = assertThrows(IOException.class, () -> new PresetModelLoader().load(RunDirectory.open(run)));
        assertTrue(e.getMessage().contains("unknown architecture 'densenet'"), e.getMessage());
    }
}
