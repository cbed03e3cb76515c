package dev.myelin.kernel;

import java.util.Objects;

/**
 * The sizes of one batched 2-D convolution: {@code batch} images of {@code inChannels} planes, the
 * {@code window} that slides over each plane, and {@code outChannels} output planes. The channels are
 * split into {@code groups} as in PyTorch's {@code nn.Conv2d(groups=g)}: group {@code j} reads input
 * channels {@code [j*inChannels/g, (j+1)*inChannels/g)} and writes output channels
 * {@code [j*outChannels/g, (j+1)*outChannels/g)}, so the weight is {@code (outChannels, inChannels/g, kH, kW)}.
 * One group is the ordinary convolution; {@code groups == inChannels} the depthwise one.
 *
 * @param batch       images in the batch, {@code N}
 * @param inChannels  input channels, {@code C_in}, a multiple of {@code groups}
 * @param outChannels output channels, {@code C_out}, a multiple of {@code groups}
 * @param groups      channel groups, at least 1
 * @param window      the kernel sliding over one input plane: plane size, kernel size, stride, padding, dilation
 */
public record ConvGeometry(int batch, int inChannels, int outChannels, int groups, Window2d window) {

    /** Rejects negative sizes, fewer than one group, and channels that the groups do not divide, naming the numbers. */
    public ConvGeometry {
        Objects.requireNonNull(window, "window");
        if (batch < 0 || inChannels < 0 || outChannels < 0 || groups < 1) {
            throw new IllegalArgumentException("invalid convolution geometry: batch " + batch + ", " + inChannels
                    + " input channels, " + outChannels + " output channels, " + groups + " groups");
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("convolution: " + inChannels + " input channels and " + outChannels
                    + " output channels cannot be split into " + groups + " groups (both must be multiples of "
                    + groups + ")");
        }
    }

    /** Input channels of one group, {@code inChannels / groups}. */
    public int groupInChannels() {
        return inChannels / groups;
    }

    /** Output channels of one group, {@code outChannels / groups}. */
    public int groupOutChannels() {
        return outChannels / groups;
    }

    /** Taps of one output's receptive field, {@code groupInChannels * kH * kW}: a row of the weight matrix. */
    public int patch() {
        return groupInChannels() * window.kernelSize();
    }

    /** Elements of one output plane, {@code outH * outW}. */
    public int outPlane() {
        return window.outPlaneSize();
    }

    /** Elements of one input image, {@code inChannels * H * W}. */
    public int imageSize() {
        return inChannels * window.planeSize();
    }

    /** Elements of one output image, {@code outChannels * outH * outW}. */
    public int outImageSize() {
        return outChannels * window.outPlaneSize();
    }

    /** Elements of the weight, {@code outChannels * groupInChannels * kH * kW}. */
    public int weightSize() {
        return outChannels * patch();
    }
}
