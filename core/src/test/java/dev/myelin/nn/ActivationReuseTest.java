package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.myelin.optim.SGD;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential lets backward reuse the storage of the outputs it passes between its own modules. What a
 * caller can still see must survive: the result, the input, and whatever a user-defined module keeps.
 */
class ActivationReuseTest {
    /** A user-defined module that keeps what it is given and what it returns. */
    static final class Keeper extends Module {
        final List<Tensor> kept = new ArrayList<>();
        final List<float[]> valuesWhenKept = new ArrayList<>();

        @Override
        public Tensor forward(Tensor input) {
            Tensor out = input.mul(2f);
            for (Tensor t : new Tensor[] {input, out}) {
                kept.add(t);
                valuesWhenKept.add(t.toArray());
            }
            return out;
        }
    }

    @Test
    void whatCallersAndUserModulesHoldSurvivesLaterSteps() {
        Generator init = new Generator(1);
        Keeper keeper = new Keeper();
        Sequential model = new Sequential(
                new Identity(), new Conv2d(1, 3, 3, 1, 1, init), new ReLU(), keeper, new MaxPool2d(2),
                new Conv2d(3, 2, 3, 1, 1, init), new ReLU(), new Flatten());
        SGD optimizer = new SGD(model.parameters(), 0.05);
        Generator data = new Generator(2);
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> outputs = new ArrayList<>();
        List<float[]> inputValues = new ArrayList<>();
        List<float[]> outputValues = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            Tensor x = Tensor.randn(data, 3, 1, 6, 6);
            Tensor y = model.forward(x); // ends in a view (Flatten) of an intermediate
            inputs.add(x);
            outputs.add(y);
            inputValues.add(x.toArray());
            outputValues.add(y.toArray());
            optimizer.zeroGrad();
            Functional.crossEntropy(y, new int[] {0, 5, 17}).backward();
            optimizer.step();
        }
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(inputValues.get(i), inputs.get(i).toArray(), "input of step " + i);
            assertArrayEquals(outputValues.get(i), outputs.get(i).toArray(), "output of step " + i);
        }
        for (int i = 0; i < keeper.kept.size(); i++) {
            assertArrayEquals(keeper.valuesWhenKept.get(i), keeper.kept.get(i).toArray(), "kept tensor " + i);
        }
    }

    // Without gradients, Sequential hands its intermediates back at the end of each pass. Later passes
    // must still give the same values, and what callers and user modules hold must survive them.
    @Test
    void inferencePassesReuseIntermediatesAndKeepWhatCallersHold() {
        Generator init = new Generator(3);
        Keeper keeper = new Keeper();
        Sequential model = new Sequential(
                new Conv2d(1, 3, 3, 1, 1, init), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(27, 8, init),
                new ReLU(), keeper, new Linear(8, 4, init));
        Generator data = new Generator(4);
        Tensor[] inputs = {Tensor.randn(data, 5, 1, 6, 6), Tensor.randn(data, 5, 1, 6, 6)};
        float[][] expected = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            for (int m = 0; m < model.size(); m++) {
                x = model.get(m).forward(x); // layer by layer under autograd: nothing is released
            }
            expected[i] = x.toArray();
        }
        keeper.kept.clear();
        keeper.valuesWhenKept.clear();
        List<Tensor> outputs = new ArrayList<>();
        try (var noGrad = Grad.disabled()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < inputs.length; i++) {
                    Tensor y = model.forward(inputs[i]);
                    assertArrayEquals(expected[i], y.toArray(), "round " + round + ", input " + i);
                    outputs.add(y);
                }
            }
        }
        for (int k = 0; k < outputs.size(); k++) {
            assertArrayEquals(expected[k % inputs.length], outputs.get(k).toArray(), "output " + k + " after later passes");
        }
        for (int i = 0; i < keeper.kept.size(); i++) {
            assertArrayEquals(keeper.valuesWhenKept.get(i), keeper.kept.get(i).toArray(), "kept tensor " + i);
        }
    }
}
