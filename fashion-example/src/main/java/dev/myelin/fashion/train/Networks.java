package dev.myelin.fashion.train;

import dev.myelin.nn.AdaptiveAvgPool2d;
import dev.myelin.nn.BasicBlock;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Init;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;

/**
 * The architectures of {@code ./fashion train --model}, all taking {@code (N, 1, 28, 28)}
 * images and giving one score per class (10, or fewer with {@code --classes}). Parameters are initialised from {@code init}; dropout draws from
 * {@code noise}, so a seed fixes both.
 */
final class Networks {
    /** Channels of the resnet preset's first stage. */
    static final int RESNET_WIDTH = 32;
    private Networks() {
    }

    /** Flatten → 784-256-128-10 with ReLU and dropout (0.2 by default): about 235k parameters. */
    static Sequential mlp(int classes, float dropout, Generator init, Generator noise) {
        return new Sequential(
                new Flatten(),
                new Linear(784, 256, init), new ReLU(), new Dropout(dropout, noise),
                new Linear(256, 128, init), new ReLU(), new Dropout(dropout, noise),
                new Linear(128, classes, init));
    }

    /** Flatten → one linear layer 784-10: the softmax regression and the linear SVM (7,850 parameters). */
    static Sequential linear(int classes, Generator init) {
        return new Sequential(new Flatten(), new Linear(784, classes, init));
    }

    /**
     * The reference CNN of the benchmarks: Conv(1→32, 3×3, pad 1) ReLU MaxPool2 → Conv(32→64, 3×3,
     * pad 1) ReLU MaxPool2 → Flatten → Linear(3136→128) ReLU → Linear(128→10): about 421k parameters.
     */
    static Sequential cnn(int classes, Generator init) {
        Conv2d.Options same = Conv2d.options().padding(1).generator(init); // 3x3, padding 1: the size is kept
        return new Sequential(
                new Conv2d(1, 32, 3, same), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, same), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128, init), new ReLU(), new Linear(128, classes, init));
    }

    /**
     * A deeper VGG-style network with batch norm: two 3×3 convolutions of 32 then of 64 channels,
     * each pair followed by 2×2 max pooling, a third stage of 128 channels pooled to 3×3, and a
     * classifier with dropout (0.3 by default). About 44 MFLOP per image forward.
     */
    static Sequential vgg(int classes, float dropout, Generator init, Generator noise) {
        return new Sequential(
                convBnRelu(1, 32, init), convBnRelu(32, 32, init), new MaxPool2d(2),
                convBnRelu(32, 64, init), convBnRelu(64, 64, init), new MaxPool2d(2),
                convBnRelu(64, 128, init), new MaxPool2d(2),
                new Flatten(), new Dropout(dropout, noise),
                new Linear(128 * 3 * 3, 256, false, init), new BatchNorm1d(256), new ReLU(),
                new Dropout(dropout, noise), new Linear(256, classes, init));
    }

    /**
     * A small wide residual network in the manner of He et al. (2016) and Zagoruyko and Komodakis (2016),
     * sized for two cores: a 3×3 stem of {@value #RESNET_WIDTH} channels at 28×28, then three stages of
     * two {@link BasicBlock}s, of 1, 2 and 4 times that width at 28×28, 14×14 and 7×7 (the first block
     * of each later stage strides by 2 through a projection shortcut), global average pooling, dropout
     * and one linear layer. Each block's last batch norm starts at zero scale, so that every block
     * starts as its shortcut and the network as a shallow one (Goyal et al., 2017).
     */
    static Sequential resnet(int classes, float dropout, Generator init, Generator noise) {
        int w = RESNET_WIDTH;
        Sequential net = new Sequential(
                new Conv2d(1, w, 3, Conv2d.options().padding(1).bias(false).generator(init)),
                new BatchNorm2d(w), new ReLU(),
                new BasicBlock(w, w, 1, init), new BasicBlock(w, w, 1, init),
                new BasicBlock(w, 2 * w, 2, init), new BasicBlock(2 * w, 2 * w, 1, init),
                new BasicBlock(2 * w, 4 * w, 2, init), new BasicBlock(4 * w, 4 * w, 1, init),
                new AdaptiveAvgPool2d(1), new Flatten(), new Dropout(dropout, noise), new Linear(4 * w, classes, init));
        for (Module m : net.children()) {
            if (m instanceof BasicBlock block) {
                Init.zeros(block.bn2().weight().value());
            }
        }
        return net;
    }

    private static Sequential convBnRelu(int in, int out, Generator init) {
        // No bias: the batch norm after it would cancel one.
        return new Sequential(new Conv2d(in, out, 3, Conv2d.options().padding(1).bias(false).generator(init)),
                new BatchNorm2d(out), new ReLU());
    }
}
