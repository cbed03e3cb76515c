package dev.myelin.nn;

import static dev.myelin.BadArguments.nullRefused;
import static dev.myelin.BadArguments.refused;

import dev.myelin.BadArguments;
import dev.myelin.tensor.Generator;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer refuses a bad argument where it is given, at construction, with a message naming the
 * layer, the argument and its value; not later, at the first forward pass.
 */
class LayerArgumentsTest {
    private static final Generator GEN = new Generator(1);

    static Stream<Arguments> badArguments() {
        return Stream.of(
                refused("MaxPool2d: kernel_size must be positive, got (0, 0)", () -> new MaxPool2d(0)),
                refused("MaxPool2d: stride must be positive, got (0, 0)", () -> new MaxPool2d(2, 0, 0)),
                refused("MaxPool2d: padding must be between 0 and half the kernel size, got padding=(2, 2) for kernel_size=(3, 3)",
                        () -> new MaxPool2d(3, 1, 2)),
                refused("MaxPool2d: padding must be between 0 and half the kernel size, got padding=(0, -1)",
                        () -> new MaxPool2d(2, 2, 1, 1, 0, -1)),
                refused("AvgPool2d: kernel_size must be positive, got (-3, -3)", () -> new AvgPool2d(-3)),
                refused("AvgPool2d: stride must be positive, got (1, 0)", () -> new AvgPool2d(2, 2, 1, 0, 0, 0)),
                refused("PoolWindow2d: kernel_size must be positive, got (0, 1)", () -> new PoolWindow2d(0, 1, 1, 1, 0, 0)),
                refused("AvgPool2d: stride must be positive, got 0", () -> AvgPool2d.options().stride(0)),
                refused("AvgPool2d: padding must be non-negative, got -1", () -> AvgPool2d.options().padding(-1)),
                refused("AvgPool2d: divisor_override must be positive, got 0", () -> AvgPool2d.options().divisorOverride(0)),
                refused("AvgPool2d: padding must be between 0 and half the kernel size, got padding=(2, 2) for kernel_size=(3, 3)",
                        () -> new AvgPool2d(3, AvgPool2d.options().padding(2).ceilMode(true))),
                refused("AvgPool2d: divisor_override must be positive, or 0 for none, got -2",
                        () -> new AvgPool2d(2, new AvgPool2d.Options(0, 0, false, true, -2))),
                refused("MaxPool2d: stride must be positive, got -1", () -> MaxPool2d.options().stride(-1)),
                refused("MaxPool2d: padding must be between 0 and half the kernel size, got padding=(1, 1) for kernel_size=(1, 1)",
                        () -> new MaxPool2d(1, MaxPool2d.options().padding(1))),
                refused("AdaptiveAvgPool2d: output size must be positive, got (0, 0)", () -> new AdaptiveAvgPool2d(0)),
                refused("Conv2d: channels, kernel size, stride and dilation must be positive and padding non-negative, "
                        + "got in_channels=0", () -> new Conv2d(0, 4, 3, GEN)),
                refused("kernel_size=(0, 0)", () -> new Conv2d(1, 4, 0, GEN)),
                refused("padding=(-1, -1)", () -> new Conv2d(1, 4, 3, 1, -1, GEN)),
                refused("dilation=(0, 0)", () -> new Conv2d(1, 4, 3, 1, 0, 0, true, GEN)),
                nullRefused("generator", () -> new Conv2d(1, 4, 3, (Generator) null)),
                nullRefused("generator", () -> new Conv2d(1, 4, 3, Conv2d.options().generator(null))),
                refused("Linear: in and out features must be positive, got 0 and 3", () -> new Linear(0, 3, GEN)),
                nullRefused("generator", () -> new Linear(2, 3, null)),
                refused("BatchNorm2d: the number of features must be positive, got 0", () -> new BatchNorm2d(0)),
                refused("BatchNorm1d: eps must be a finite number > 0, got 0.0", () -> new BatchNorm1d(3, 0, 0.1, true, true)),
                refused("BatchNorm2d: eps must be a finite number > 0, got NaN",
                        () -> new BatchNorm2d(3, Double.NaN, 0.1, true, true)),
                refused("BatchNorm2d: momentum must be in [0, 1], got 1.5", () -> new BatchNorm2d(3, 1e-5, 1.5, true, true)),
                refused("BatchNorm1d: momentum must be in [0, 1], got -0.1", () -> new BatchNorm1d(3, 1e-5, -0.1, true, true)),
                refused("Dropout: probability has to be between 0 and 1, got 1.5", () -> new Dropout(1.5f, GEN)),
                refused("Dropout: probability has to be between 0 and 1, got NaN", () -> new Dropout(Float.NaN, GEN)),
                refused("Dropout: a Generator is needed", () -> new Dropout(0.5f, null)),
                refused("LeakyReLU: negative_slope must be a finite number, got NaN", () -> new LeakyReLU(Float.NaN)),
                refused("LeakyReLU: negative_slope must be a finite number, got Infinity",
                        () -> new LeakyReLU(Float.POSITIVE_INFINITY)),
                refused("Flatten: start_dim 2 comes after end_dim 1", () -> new Flatten(2, 1)),
                refused("Flatten: start_dim -1 comes after end_dim -2", () -> new Flatten(-1, -2)),
                refused("BasicBlock: channels and stride must be positive, got in_channels=4, out_channels=8, stride=0",
                        () -> new BasicBlock(4, 8, 0, GEN)),
                nullRefused("generator", () -> new BasicBlock(4, 8, 1, null)),
                nullRefused("modules", () -> new Sequential((Module[]) null)),
                refused("cannot register null as '1'", () -> new Sequential(new ReLU(), null)),
                refused("cannot register null as '0'", () -> new Sequential().append(null)),
                nullRefused("value", () -> new Parameter(null)),
                refused("CrossEntropyLoss: label smoothing must be in [0, 1], got -0.5", () -> new CrossEntropyLoss(-0.5f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void refusedAtConstruction(String message, Class<? extends Throwable> type, Executable call) {
        BadArguments.assertRefused(message, type, call);
    }
}
