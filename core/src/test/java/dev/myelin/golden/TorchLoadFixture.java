package dev.myelin.golden;

import dev.myelin.io.StateDict;
import dev.myelin.nn.AdaptiveAvgPool2d;
import dev.myelin.nn.BasicBlock;
import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The network whose state dict, saved by Myelin, PyTorch loads ({@code tools/golden/make_torch_load_golden.py}
 * and {@link GoldenTorchLoadTest}): {@code Sequential(Conv2d(1, 4, 3, padding=1), BatchNorm2d(4), ReLU(),
 * BasicBlock(4, 8, stride=2), AdaptiveAvgPool2d(1), Flatten(), Linear(8, 5))}, the block with its 1×1
 * projection shortcut. Its weights are PyTorch's initialisation drawn from a seeded generator; every
 * batch norm gets a scale, shift and running statistics drawn from it too, so that none is the identity.
 *
 * <p>Run {@link #main} to write the fixture {@value #STATE}: (from the repository root, after
 * {@code ./mvnw -pl core test-compile})
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:core/target/test-classes \
 *     dev.myelin.golden.TorchLoadFixture core/src/test/resources/golden/nn
 * </pre>
 */
final class TorchLoadFixture {
    /** The state dict Myelin saved, in {@code golden/nn/}. */
    static final String STATE = "torch_load_state_dict.safetensors";
    /** The input and PyTorch's logits, in {@code golden/nn/}. */
    static final String IO = "torch_load_io";

    private TorchLoadFixture() {
    }

    /** The network with the fixture's weights ({@code seed} 2024) or others (any other seed). */
    static Sequential network(long seed) {
        Generator gen = new Generator(seed);
        Sequential net = new Sequential(new Conv2d(1, 4, 3, 1, 1, gen), new BatchNorm2d(4), new ReLU(),
                new BasicBlock(4, 8, 2, gen), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(8, 5, gen));
        for (Module m : net.namedModules().values()) {
            if (m instanceof BatchNorm bn) {
                float[] w = bn.weight().value().array();
                float[] b = bn.bias().value().array();
                float[] mean = bn.runningMean().array();
                float[] var = bn.runningVar().array();
                for (int c = 0; c < w.length; c++) {
                    w[c] = 0.6f + 0.8f * gen.nextFloat();
                    b[c] = 0.4f * gen.nextFloat() - 0.2f;
                    mean[c] = 0.6f * gen.nextFloat() - 0.3f;
                    var[c] = 0.5f + gen.nextFloat();
                }
                bn.numBatchesTracked().array()[0] = 3;
            }
        }
        return net;
    }

    /** Writes {@value #STATE} into the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve(STATE);
        StateDict.save(network(2024), file);
        System.out.println("wrote " + file);
    }
}
