package dev.myelin.fashion.train;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.Dataset;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;

/** Loss (the preset's, as in training) and accuracy of a model on a dataset, in evaluation mode and without recording gradients. */
final class Evaluator {
    private static final int BATCH = 500;

    private Evaluator() {
    }

    /** Mean loss and accuracy. */
    record Score(double loss, double accuracy) {
    }

    static Score score(Module model, Dataset data, Losses.Loss loss) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        DataLoader loader = DataLoader.builder(data).batchSize(BATCH).build();
        try (var noGrad = Grad.disabled()) {
            for (Batch batch : loader) {
                Tensor logits = model.forward(batch.inputs());
                lossSum += loss.of(logits, batch.labels()).item() * batch.size();
                correct += Accuracy.correct(logits, batch.labels());
            }
        } finally {
            model.train(wasTraining);
        }
        return new Score(lossSum / data.size(), (double) correct / data.size());
    }
}
