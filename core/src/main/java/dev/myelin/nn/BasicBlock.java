package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * The residual block of ResNet-18 and -34 (He et al., 2016, "Deep Residual Learning"), as
 * torchvision's {@code BasicBlock}: two 3×3 convolutions with batch norm make the body, and the block
 * adds the body's output to a shortcut of its input before the last ReLU:
 *
 * <pre>
 *   y = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))
 * </pre>
 *
 * The shortcut is the input itself when the shape is kept, and a 1×1 convolution with batch norm
 * ({@code downsample}) when the block changes the channel count or strides: the sum needs both terms in
 * one shape. Convolutions have no bias, since the batch norm after each would cancel it.
 *
 * <p>The gradient needs no code of its own: the sum sends the upstream gradient unchanged down both
 * paths, so even a deep stack of blocks passes a gradient back through its identity shortcuts.
 * Parameter names are torchvision's ({@code conv1.weight}, {@code bn1.running_mean},
 * {@code downsample.0.weight}, {@code downsample.1.weight}, ...), so a block's state dict loads into
 * PyTorch's and back.
 */
public final class BasicBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Sequential downsample;

    /**
     * A block from {@code inChannels} to {@code outChannels}, its first convolution striding by
     * {@code stride} (2 halves the height and width). Weights are drawn from {@code generator}.
     */
    public BasicBlock(int inChannels, int outChannels, int stride, Generator generator) {
        if (inChannels < 1 || outChannels < 1 || stride < 1) {
            throw new IllegalArgumentException("BasicBlock: channels and stride must be positive, got in_channels=" + inChannels
                    + ", out_channels=" + outChannels + ", stride=" + stride);
        }
        Objects.requireNonNull(generator, "generator");
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, 1, 1, false, generator));
        bn1 = registerModule("bn1", new BatchNorm2d(outChannels));
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, 1, false, generator));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
        downsample = stride == 1 && inChannels == outChannels ? null
                : registerModule("downsample", new Sequential(
                        new Conv2d(inChannels, outChannels, 1, stride, 0, 1, false, generator),
                        new BatchNorm2d(outChannels)));
    }

    /** A block initialised from the {@linkplain Generator#defaultGenerator() default generator}. */
    public BasicBlock(int inChannels, int outChannels, int stride) {
        this(inChannels, outChannels, stride, Generator.defaultGenerator());
    }

    /** {@code (N, in, H, W)} to {@code (N, out, ⌈H/stride⌉, ⌈W/stride⌉)}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor body = bn1.forward(conv1.forward(x)).relu();
        body = bn2.forward(conv2.forward(body));
        Tensor shortcut = downsample == null ? x : downsample.forward(x);
        return body.add(shortcut).relu();
    }

    /** The body's second batch norm: a zero scale makes the block start as its shortcut (Goyal et al., 2017). */
    public BatchNorm2d bn2() {
        return bn2;
    }

    /** Whether the shortcut is a 1×1 convolution with batch norm rather than the input itself. */
    public boolean hasDownsample() {
        return downsample != null;
    }
}
