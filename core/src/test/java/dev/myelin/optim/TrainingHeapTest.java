package dev.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.ImageDataset;
import dev.myelin.data.RandomHorizontalFlip;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.CrossEntropyLoss;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nothing accumulates while training: a small conv net (convolution + ReLU + max-pool fused, batch norm,
 * dropout, a linear head) trained for 2,000 Adam steps on tiny generated images through the DataLoader
 * (shuffled, augmented, prefetched on its own thread, re-iterated every epoch), with an evaluation
 * forward pass every 100 steps, holds no more heap after step 2,000 than after step 500.
 *
 * <p>The heap is measured as {@code totalMemory - freeMemory} after {@link System#gc()}, the smallest
 * of three readings. By step 500 every cache has reached its steady size (the per-thread free lists of
 * gradient and activation arrays, the kernels' scratch, the JIT's first compilations). The tolerance,
 * {@value #TOLERANCE_BYTES} bytes, covers what a full collection does not pin down between two
 * readings (objects the JIT compiler and the class loader leave on the heap as later methods are
 * compiled, the prefetch thread's batch in flight, a few kB): it is far below what any leak of an
 * activation or gradient would show, as the smallest of those arrays here is 6 kB and 1,500 steps would
 * keep 9 MB of them, and a leak of a single 1 kB object per step would still show as 1.5 MB.
 */
class TrainingHeapTest {
    private static final int TOLERANCE_BYTES = 1 << 20;
    private static final int STEPS = 2_000;
    private static final int MEASURED_FIRST = 500;

    private static long usedHeapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }

    @Test
    void heapDoesNotGrowOverTwoThousandSteps() throws Exception {
        int n = 256;
        int side = 12;
        Random random = new Random(7);
        byte[] pixels = new byte[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int p = 0; p < side * side; p++) {
                // Each class lights a different quadrant, with noise everywhere.
                int quadrant = (p / side < side / 2 ? 0 : 2) + (p % side < side / 2 ? 0 : 1);
                pixels[i * side * side + p] = (byte) (random.nextInt(60) + (quadrant == labels[i] ? 150 : 0));
            }
        }
        Generator gen = new Generator(11);
        Sequential model = new Sequential(
                new Conv2d(1, 8, 3, 1, 1, gen), new ReLU(), new MaxPool2d(2),
                new BatchNorm2d(8), new Flatten(), new Dropout(0.2f, gen), new Linear(8 * 6 * 6, 4, gen));
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        CrossEntropyLoss lossFunction = new CrossEntropyLoss();
        DataLoader loader = DataLoader.builder(new ImageDataset(pixels, labels, 1, side, side))
                .batchSize(8).shuffle(true).seed(3).transform(new RandomHorizontalFlip(0.5)).prefetch(1).build();
        Tensor probe = Tensor.randn(gen, 4, 1, side, side);

        long atFirst = 0;
        long atLast = 0;
        float firstLoss = Float.NaN;
        float lastLoss = Float.NaN;
        Iterator<Batch> batches = loader.iterator();
        for (int step = 1; step <= STEPS; step++) {
            if (!batches.hasNext()) {
                batches = loader.iterator(); // the next epoch
            }
            Batch batch = batches.next();
            model.train();
            Tensor loss = lossFunction.forward(model.forward(batch.inputs()), batch.labels());
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step % 100 == 0) {
                model.eval();
                try (var off = Grad.disabled()) {
                    model.forward(probe);
                }
            }
            if (step <= 20) {
                firstLoss = Float.isNaN(firstLoss) ? loss.item() : firstLoss + loss.item();
            } else if (step > STEPS - 20) {
                lastLoss = Float.isNaN(lastLoss) ? loss.item() : lastLoss + loss.item();
            }
            if (step == MEASURED_FIRST) {
                atFirst = usedHeapAfterGc();
            } else if (step == STEPS) {
                atLast = usedHeapAfterGc();
            }
        }
        System.out.printf("TrainingHeapTest: used heap after a full GC: %,d bytes at step %d, %,d at step %d (%+,d)%n",
                atFirst, MEASURED_FIRST, atLast, STEPS, atLast - atFirst);
        assertTrue(lastLoss < firstLoss, "the network learned (mean loss of the first 20 steps " + firstLoss / 20
                + ", of the last 20 " + lastLoss / 20 + "), so the steps did real work");
        assertTrue(atLast - atFirst <= TOLERANCE_BYTES, String.format(
                "the used heap grew by %,d bytes from step %d (%,d) to step %d (%,d)", atLast - atFirst, MEASURED_FIRST,
                atFirst, STEPS, atLast));
    }
}
