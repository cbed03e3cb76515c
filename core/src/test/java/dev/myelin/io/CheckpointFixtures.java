package dev.myelin.io;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.StepLR;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the checkpoint compatibility fixture of the current format version,
 * {@code v<FORMAT_VERSION>-tiny.ckpt}, with {@code v<FORMAT_VERSION>-tiny.expected.safetensors} beside
 * it (the same model and optimizer tensors as a plain safetensors file, independent of the checkpoint
 * layout). {@link CheckpointCompatibilityTest} loads every committed fixture in every later build.
 *
 * <p>Run once per format version, from the repository root:
 * <pre>
 * ./mvnw -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes dev.myelin.io.CheckpointFixtures core/src/test/resources/checkpoints
 * </pre>
 * It refuses to overwrite a fixture: a committed fixture records what an older build wrote and must
 * never be regenerated. A new format version adds new files and keeps the old ones. The program prints
 * the scalar values that the test hard-codes.
 */
public final class CheckpointFixtures {
    static final long SEED = 2024;
    static final int STEPS = 3;

    /** The tiny run's parts; {@link #train} moves them through {@value #STEPS} steps. */
    record Tiny(Sequential model, Adam optimizer, StepLR scheduler, Generator data) {
    }

    private CheckpointFixtures() {
    }

    /** The tiny model, optimizer, scheduler and data generator, freshly initialised from {@code seed}. */
    static Tiny tiny(long seed) {
        Generator init = new Generator(seed);
        Sequential model = new Sequential(new Linear(3, 4, init), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, init));
        Adam adam = new Adam(model.parameters(), 0.01);
        return new Tiny(model, adam, new StepLR(adam, 2, 0.5), new Generator(seed + 1));
    }

    /** Trains {@code t} for {@value #STEPS} steps on batches from its data generator; returns the last loss. */
    static float train(Tiny t) {
        float loss = Float.NaN;
        for (int s = 0; s < STEPS; s++) {
            Tensor x = Tensor.randn(t.data(), 5, 3);
            int[] labels = new int[5];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = t.data().nextInt(2);
            }
            Tensor l = Functional.crossEntropy(t.model().forward(x), labels);
            t.optimizer().zeroGrad();
            l.backward();
            t.optimizer().step();
            t.scheduler().step();
            loss = l.item();
        }
        return loss;
    }

    /**
     * Writes the fixture of the current format version into the directory {@code args[0]}.
     *
     * @throws IOException if a fixture of this version exists already, or writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CheckpointFixtures <directory>, normally core/src/test/resources/checkpoints");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String base = "v" + Checkpoint.FORMAT_VERSION + "-tiny";
        Path checkpoint = dir.resolve(base + ".ckpt");
        Path expected = dir.resolve(base + ".expected.safetensors");
        if (Files.exists(checkpoint) || Files.exists(expected)) {
            throw new IOException(checkpoint + " or " + expected + " exists; committed fixtures are never regenerated");
        }
        Tiny t = tiny(SEED);
        float loss = train(t);
        Checkpoint.save(checkpoint, CheckpointState.builder(t.model(), t.optimizer()).scheduler(t.scheduler())
                .generator("data", t.data()).epoch(1).step(STEPS).metric("loss", loss).metric("accuracy", 0.6).build());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        t.model().stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        t.optimizer().stateTensors().forEach((k, v) -> tensors.put("optimizer." + k, v));
        SafetensorsWriter.write(expected, tensors, Map.of("written_by", "dev.myelin.io.CheckpointFixtures"));
        long[] words = t.data().state();
        System.out.println("wrote " + checkpoint + " and " + expected);
        System.out.println("loss metric = " + Double.toString(loss));
        System.out.println("lr = " + t.optimizer().lr());
        System.out.println("data generator words = " + words[0] + "L, " + words[1] + "L");
    }
}
