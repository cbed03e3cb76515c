package dev.myelin.example.consumer;

import dev.myelin.Myelin;
import dev.myelin.nn.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Trains a small network on generated data: two interleaved spirals, points in the plane labelled by
 * the arm they lie on, which no straight line separates. Prints the loss before and after, the
 * training accuracy, and whether Myelin runs its Vector API kernels.
 */
public final class Main {
    private static final int POINTS_PER_ARM = 200;

    private Main() {}

    public static void main(String[] args) {
        Generator gen = new Generator(7);
        int n = 2 * POINTS_PER_ARM;
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int arm = i % 2;
            double t = (i / 2) / (double) POINTS_PER_ARM * 3 * Math.PI;
            double r = 0.2 + t / (3 * Math.PI);
            xy[2 * i] = (float) (r * Math.cos(t + arm * Math.PI));
            xy[2 * i + 1] = (float) (r * Math.sin(t + arm * Math.PI));
            labels[i] = arm;
        }
        Tensor x = Tensor.of(xy, n, 2);

        Sequential model = new Sequential(
                new Linear(2, 64, gen), new ReLU(),
                new Linear(64, 64, gen), new ReLU(),
                new Linear(64, 2, gen));
        Adam optimizer = new Adam(model.parameters(), Adam.options().lr(0.01));
        CrossEntropyLoss lossFunction = new CrossEntropyLoss();

        float first = lossFunction.forward(model.forward(x), labels).item();
        float loss = first;
        for (int step = 0; step < 500; step++) {
            optimizer.zeroGrad();
            Tensor l = lossFunction.forward(model.forward(x), labels);
            l.backward();
            optimizer.step();
            loss = l.item();
        }
        float[] logits = model.forward(x).toArray();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
        }
        System.out.printf("loss %.4f -> %.4f, training accuracy %.1f%%%n", first, loss, 100.0 * correct / n);
        System.out.println("vector kernels: " + (Myelin.vectorized() ? "on" : "off"));
        System.out.println("module: " + (Main.class.getModule().isNamed() ? Main.class.getModule().getName() : "unnamed (class path)"));
    }
}
