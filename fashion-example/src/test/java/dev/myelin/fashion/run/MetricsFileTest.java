package dev.myelin.fashion.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughJsonAndWritesCsv() throws Exception {
        Metrics metrics = new Metrics(List.of(
                new EpochMetrics(1, 0.61, 0.78, 0.45, 0.84, 1e-3, 30.5, 1967.2, 0.25),
                new EpochMetrics(2, 0.40, 0.86, Double.NaN, Double.NaN, 5e-4, 29.9, 2006.7)),
                Map.of("accuracy", 0.9012, "loss", 0.28));

        MetricsFile.write(dir, metrics);
        Metrics back = MetricsFile.read(dir.resolve(RunDirectory.METRICS));

        assertEquals(metrics.history().getFirst(), back.history().getFirst());
        assertTrue(Double.isNaN(back.history().get(1).valAccuracy()));
        assertEquals(0.9012, back.testAccuracy());
        List<String> csv = Files.readAllLines(dir.resolve(RunDirectory.HISTORY));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds,images_per_second,data_seconds",
                csv.get(0));
        assertEquals("1,0.610000,0.780000,0.450000,0.840000,0.00100000,30.5000,1967.20,0.250000", csv.get(1));
        // An epoch from before data time was measured has an empty cell.
        assertEquals("2,0.400000,0.860000,,,0.000500000,29.9000,2006.70,", csv.get(2));
    }

    @Test
    void readsTheDocumentedLayout() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.json"), """
                {"history": [{"epoch": 1, "train_loss": 0.5, "train_accuracy": 0.8, "val_loss": 0.4,
                              "val_accuracy": 0.85, "lr": 0.001, "seconds": 12, "images_per_second": 4500}],
                 "test": {"accuracy": 0.88, "loss": 0.33}}
                """);
        Metrics metrics = MetricsFile.read(file);
        assertEquals(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 0.001, 12, 4500), metrics.history().getFirst());
        assertTrue(Double.isNaN(metrics.history().getFirst().dataSeconds()), "no data_seconds in an older file");
        assertEquals(0.88, metrics.testAccuracy());
    }

    @Test
    void aBadEpochNamesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.json"), "{\"history\": [{\"epoch\": \"one\"}]}");
        JsonException e = assertThrows(JsonException.class, () -> MetricsFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("epoch"), e.getMessage());
    }

    /** 2^32 + 1 was cast to the int 1: an epoch number silently wrong. */
    @Test
    void anEpochBeyondAnIntIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.json"), "{\"history\": [{\"epoch\": 4294967297}]}");
        JsonException e = assertThrows(JsonException.class, () -> MetricsFile.read(file));
        assertEquals(file + ": \"epoch\" is 4294967297, not an epoch number", e.getMessage());
    }

    @Test
    void runDirectoryChecksWhatItNeeds() throws Exception {
        assertThrows(NoSuchFileException.class, () -> RunDirectory.open(dir.resolve("absent")));
        RunDirectory run = RunDirectory.open(dir);
        assertTrue(run.metrics().isEmpty());
        assertTrue(run.config().isEmpty());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> run.loadModel(r -> null));
        assertTrue(e.getReason().contains("no trained model"), e.getReason());
        assertEquals(dir.getFileName().toString(), run.name());
    }

    @Test
    void theStandardLoaderNamesWhatIsWrongWithARun() throws Exception {
        Files.createFile(dir.resolve(RunDirectory.MODEL));
        IOException noConfig = assertThrows(IOException.class, () -> PresetModelLoader.loadRun(dir));
        assertTrue(noConfig.getMessage().contains(RunDirectory.CONFIG), noConfig.getMessage());
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "{\"model\": \"mlp\"}");
        IOException badModel = assertThrows(IOException.class, () -> PresetModelLoader.loadRun(dir));
        assertTrue(badModel.getMessage().contains(RunDirectory.MODEL), badModel.getMessage());
    }
}
