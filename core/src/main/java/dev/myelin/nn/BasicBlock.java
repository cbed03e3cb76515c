package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * The residual block of ResNet-18 and -34 (He, Zhang, Ren and Sun, 2016, "Deep Residual Learning for
 * Image Recognition", arXiv:1512.03385), as torchvision's {@code BasicBlock}: two 3×3 convolutions
 * (padding 1) with batch norm make the body, and the block adds the body's output to a shortcut of its
 * input before the last ReLU:
 *
 * <pre>
 *   y = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))
 * </pre>
 *
 * The shortcut is the input itself when the shape is kept, and a 1×1 convolution with batch norm
 * ({@code downsample}, the paper's projection shortcut, option B) when the block changes the channel
 * count or strides: the sum needs both terms in one shape. Convolutions have no bias, since the batch
 * norm after each would cancel it.
 *
 * <p>Shapes: input {@code (N, C_in, H, W)}, output {@code (N, C_out, ceil(H/stride), ceil(W/stride))};
 * {@code conv1} strides, {@code conv2} keeps the shape. Weights: each convolution initialised as
 * {@link Conv2d}'s default (PyTorch's), drawn in the order {@code conv1}, {@code conv2},
 * {@code downsample.0}; batch norms with PyTorch's defaults (scale 1, shift 0, momentum 0.1, eps 1e-5).
 * torchvision's ResNet re-initialises the convolutions with {@link Init#kaimingNormal} (fan_out, ReLU);
 * do that on the built model for the same start.
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
     * A block from {@code inChannels} to {@code outChannels}, as torchvision's
     * {@code BasicBlock(inplanes, planes, stride, downsample)} with the downsample built when needed.
     *
     * @param inChannels  C_in, the channels of the input; at least 1
     * @param outChannels C_out, the channels of the output and of both convolutions; at least 1
     * @param stride      the stride of {@code conv1} and of the shortcut; 1 keeps the height and width, 2 halves
     *                    them (rounding up); a stride other than 1 or a change of channels adds {@code downsample}
     * @param generator   the source of the initial convolution weights
     * @throws IllegalArgumentException if a channel count or the stride is below 1
     * @throws NullPointerException     if {@code generator} is null
     */
    public BasicBlock(int inChannels, int outChannels, int stride, Generator generator) {
        if (inChannels < 1 || outChannels < 1 || stride < 1) {
            throw new IllegalArgumentException("BasicBlock: channels and stride must be positive, got in_channels=" + inChannels
                    + ", out_channels=" + outChannels + ", stride=" + stride);
        }
        Objects.requireNonNull(generator, "generator");
        Conv2d.Options noBias = Conv2d.options().bias(false).generator(generator); // a batch norm follows each
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, noBias.stride(stride).padding(1)));
        bn1 = registerModule("bn1", new BatchNorm2d(outChannels));
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, noBias.padding(1)));
        bn2 = registerModule("bn2", new BatchNorm2d(outChannels));
        downsample = stride == 1 && inChannels == outChannels ? null
                : registerModule("downsample", new Sequential(
                        new Conv2d(inChannels, outChannels, 1, noBias.stride(stride)),
                        new BatchNorm2d(outChannels)));
    }

    /**
     * A block initialised from the {@linkplain Generator#defaultGenerator() default generator}.
     *
     * @param inChannels  C_in, the channels of the input; at least 1
     * @param outChannels C_out, the channels of the output; at least 1
     * @param stride      the stride of {@code conv1} and of the shortcut; 2 halves the height and width
     */
    public BasicBlock(int inChannels, int outChannels, int stride) {
        this(inChannels, outChannels, stride, Generator.defaultGenerator());
    }

    /** {@code (N, C_in, H, W) -> (N, C_out, ceil(H/stride), ceil(W/stride))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor body = bn1.forward(conv1.forward(x)).relu();
        body = bn2.forward(conv2.forward(body));
        Tensor shortcut = downsample == null ? x : downsample.forward(x);
        return body.add(shortcut).relu();
    }

    /**
     * The body's second batch norm, to zero its scale ({@code Init.zeros(block.bn2().weight().value())}):
     * each block then starts as its shortcut, as torchvision's {@code zero_init_residual} (Goyal et al.,
     * 2017, "Accurate, Large Minibatch SGD", arXiv:1706.02677).
     *
     * @return the module {@code bn2}, over C_out channels
     */
    public BatchNorm2d bn2() {
        return bn2;
    }

    /**
     * Which shortcut the block has.
     *
     * @return true when the shortcut is {@code downsample}, a 1×1 convolution with batch norm (the stride
     *         is not 1 or the channel count changes); false when it is the input itself
     */
    public boolean hasDownsample() {
        return downsample != null;
    }
}
