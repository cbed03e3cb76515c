package dev.myelin.onnx;

import static dev.myelin.onnx.AttributeProto.ofFloat;
import static dev.myelin.onnx.AttributeProto.ofInt;
import static dev.myelin.onnx.AttributeProto.ofInts;
import static dev.myelin.onnx.Emitter.longs;

import dev.myelin.nn.AdaptiveAvgPool2d;
import dev.myelin.nn.AvgPool2d;
import dev.myelin.nn.BasicBlock;
import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.GELU;
import dev.myelin.nn.Identity;
import dev.myelin.nn.LeakyReLU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.LogSoftmax;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Module;
import dev.myelin.nn.PoolWindow2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Sigmoid;
import dev.myelin.nn.Softmax;
import dev.myelin.nn.Tanh;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates each of {@code dev.myelin.nn}'s layers into ONNX operators, in evaluation mode (batch
 * norm on its running statistics, dropout the identity), following the shape of the value from module
 * to module. Only the exact classes listed in {@link #SUPPORTED} are translated: any other module,
 * whose {@code forward} could compute anything, is refused with its place in the model.
 */
final class ModuleTranslator {
    /** What the exporter knows, for error messages. */
    static final String SUPPORTED = "Sequential, BasicBlock, Conv2d, Linear, BatchNorm1d, BatchNorm2d, ReLU, "
            + "LeakyReLU, GELU, Sigmoid, Tanh, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, Dropout, Identity, Flatten, "
            + "Softmax, LogSoftmax";

    private final Emitter out;

    ModuleTranslator(Emitter out) {
        this.out = out;
    }

    /**
     * Adds the nodes computing {@code module}'s output from {@code x}. {@code path} is the module's
     * state-dict prefix ({@code features.3}, empty for the whole model); {@code parent} is the module
     * holding it, null for the whole model.
     */
    Value translate(Module module, String path, Module parent, Value x) {
        return switch (module) {
            case Sequential s -> {
                Value v = x;
                for (Map.Entry<String, Module> e : s.namedChildren().entrySet()) {
                    v = translate(e.getValue(), join(path, e.getKey()), s, v);
                }
                yield v;
            }
            case BasicBlock b -> basicBlock(b, path, x);
            case Conv2d c -> conv(c, path, parent, x);
            case Linear l -> linear(l, path, parent, x);
            case BatchNorm bn -> batchNorm(bn, path, parent, x);
            case ReLU _ -> out.pointwise(path, "Relu", x);
            case LeakyReLU l -> out.op(path, "LeakyRelu", x.dims(), List.of(x.name()),
                    ofFloat("alpha", l.negativeSlope()));
            case Sigmoid _ -> out.pointwise(path, "Sigmoid", x);
            case Tanh _ -> out.pointwise(path, "Tanh", x);
            case GELU _ -> gelu(path, x);
            case MaxPool2d p -> pool("MaxPool", p.window(), p, path, parent, x);
            case AvgPool2d p -> pool("AveragePool", p.window(), p, path, parent, x);
            case AdaptiveAvgPool2d a -> adaptiveAvgPool(a, path, parent, x);
            case Dropout _, Identity _ -> x;
            case Flatten f -> flatten(f, path, parent, x);
            case Softmax s -> normalize("Softmax", s.dim(), s, path, parent, x);
            case LogSoftmax s -> normalize("LogSoftmax", s.dim(), s, path, parent, x);
            default -> throw new OnnxExportException(where(module, path, parent) + " is not a layer ONNX export "
                    + "knows" + (module.getClass().getSimpleName().endsWith("Loss")
                            ? " (a loss is not part of the network: export the network without it)" : "")
                    + ". Supported: " + SUPPORTED + ".");
        };
    }

    /** {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}, the shortcut being x or downsample(x). */
    private Value basicBlock(BasicBlock b, String path, Value x) {
        Map<String, Module> c = b.namedChildren();
        Value body = x;
        for (String name : List.of("conv1", "bn1", "relu", "conv2", "bn2")) {
            body = name.equals("relu") ? out.pointwise(path, "Relu", body)
                    : translate(c.get(name), join(path, name), b, body);
        }
        Module downsample = c.get("downsample");
        Value shortcut = downsample == null ? x : translate(downsample, join(path, "downsample"), b, x);
        return out.pointwise(path, "Relu", out.pointwise(path, "Add", body, shortcut.name()));
    }

    private Value conv(Conv2d c, String path, Module parent, Value x) {
        requireRank(4, "(N, C, H, W)", c, path, parent, x);
        if (x.dims()[1] != c.inChannels()) {
            throw new OnnxExportException(where(c, path, parent) + " expects input (N, " + c.inChannels()
                    + ", H, W), but gets " + x.describe());
        }
        int[] k = c.kernelSize();
        int[] s = c.stride();
        int[] p = c.padding();
        int[] d = c.dilation();
        int h = (x.dims()[2] + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        int w = (x.dims()[3] + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        List<String> inputs = new ArrayList<>(List.of(x.name(), out.weight(join(path, "weight"), c.weight().value())));
        if (c.bias() != null) {
            inputs.add(out.weight(join(path, "bias"), c.bias().value()));
        }
        return out.op(path, "Conv", new int[] {x.dims()[0], c.outChannels(), h, w}, inputs,
                ofInts("kernel_shape", longs(k)), ofInts("strides", longs(s)),
                ofInts("pads", p[0], p[1], p[0], p[1]), ofInts("dilations", longs(d)), ofInt("group", c.groups()));
    }

    /** Gemm with {@code transB} on 2-D input; MatMul by the transposed weight, then Add, on more dimensions. */
    private Value linear(Linear l, String path, Module parent, Value x) {
        if (x.rank() < 2 || x.dims()[x.rank() - 1] != l.inFeatures()) {
            throw new OnnxExportException(where(l, path, parent) + " expects input (N, *, " + l.inFeatures()
                    + "), but gets " + x.describe());
        }
        int[] dims = x.dims().clone();
        dims[dims.length - 1] = l.outFeatures();
        String bias = l.bias() == null ? null : out.weight(join(path, "bias"), l.bias().value());
        if (x.rank() == 2) {
            String weight = out.weight(join(path, "weight"), l.weight().value());
            List<String> inputs = bias == null ? List.of(x.name(), weight) : List.of(x.name(), weight, bias);
            return out.op(path, "Gemm", dims, inputs, ofInt("transB", 1));
        }
        Tensor wt = l.weight().value().transpose(0, 1);
        Value y = out.op(path, "MatMul", dims, List.of(x.name(), out.weight(join(path, "weight") + "_t", wt)));
        return bias == null ? y : out.pointwise(path, "Add", y, bias);
    }

    /**
     * BatchNormalization on the running statistics. ONNX wants (N, C, D1, ...) input, so the (N, C) of a
     * BatchNorm1d is unsqueezed to (N, C, 1) and squeezed back.
     */
    private Value batchNorm(BatchNorm bn, String path, Module parent, Value x) {
        if (bn instanceof BatchNorm1d) {
            if (x.rank() != 2 && x.rank() != 3) {
                throw new OnnxExportException(where(bn, path, parent) + " expects input (N, C) or (N, C, L), but gets "
                        + x.describe());
            }
        } else {
            requireRank(4, "(N, C, H, W)", bn, path, parent, x);
        }
        if (x.dims()[1] != bn.numFeatures()) {
            throw new OnnxExportException(where(bn, path, parent) + " expects " + bn.numFeatures()
                    + " channels, but gets " + x.describe());
        }
        if (bn.runningMean() == null) {
            throw new OnnxExportException(where(bn, path, parent) + " keeps no running statistics "
                    + "(track_running_stats=False), so it normalises with each batch's own statistics even in "
                    + "evaluation mode; ONNX BatchNormalization needs fixed statistics");
        }
        int c = bn.numFeatures();
        float[] ones = new float[c];
        java.util.Arrays.fill(ones, 1f);
        String scale = bn.weight() == null ? out.weight(join(path, "weight"), new int[] {c}, ones)
                : out.weight(join(path, "weight"), bn.weight().value());
        String shift = bn.bias() == null ? out.weight(join(path, "bias"), new int[] {c}, new float[c])
                : out.weight(join(path, "bias"), bn.bias().value());
        String mean = out.weight(join(path, "running_mean"), bn.runningMean());
        String var = out.weight(join(path, "running_var"), bn.runningVar());
        boolean flat = x.rank() == 2;
        Value in = flat ? out.op(path, "Unsqueeze", new int[] {x.dims()[0], c, 1},
                List.of(x.name(), out.int64s(join(path, "axes"), 2))) : x;
        Value y = out.op(path, "BatchNormalization", in.dims(), List.of(in.name(), scale, shift, mean, var),
                ofFloat("epsilon", (float) bn.eps()));
        return flat ? out.op(path, "Squeeze", x.dims(), List.of(y.name(), out.int64s(join(path, "axes"), 2))) : y;
    }

    /** Myelin's GELU is the exact {@code x·Φ(x)}; opset 17 has no Gelu, so {@code x · 0.5 · (1 + erf(x / √2))}. */
    private Value gelu(String path, Value x) {
        Value erf = out.pointwise(path, "Erf", out.pointwise(path, "Div", x, out.scalar((float) Math.sqrt(2))));
        Value phi = out.pointwise(path, "Mul", out.pointwise(path, "Add", erf, out.scalar(1f)), out.scalar(0.5f));
        return out.pointwise(path, "Mul", x, phi.name());
    }

    /**
     * MaxPool or AveragePool with the window's {@code ceil_mode}. Myelin's max-pool pads with minus
     * infinity, as ONNX's MaxPool. AveragePool carries {@code count_include_pad}, see {@link #countIncludePad}.
     */
    private Value pool(String opType, PoolWindow2d win, Module m, String path, Module parent, Value x) {
        requireRank(4, "(N, C, H, W)", m, path, parent, x);
        int[] dims = {x.dims()[0], x.dims()[1], win.outHeight(x.dims()[2]), win.outWidth(x.dims()[3])};
        List<AttributeProto> attributes = new ArrayList<>(List.of(ofInts("kernel_shape", win.kernelH(), win.kernelW()),
                ofInts("strides", win.strideH(), win.strideW()), ofInts("pads", win.padH(), win.padW(), win.padH(),
                        win.padW()), ofInt("ceil_mode", win.ceilMode() ? 1 : 0)));
        if (m instanceof AvgPool2d avg) {
            attributes.add(ofInt("count_include_pad", countIncludePad(avg, x, dims, path, parent) ? 1 : 0));
        }
        return out.op(path, opType, dims, List.of(x.name()), attributes.toArray(AttributeProto[]::new));
    }

    /**
     * The {@code count_include_pad} that makes ONNX Runtime divide each window as PyTorch does. ONNX has
     * no divisor override, so a pool with one is refused. With {@code ceil_mode} the last window can run
     * past the padded input; PyTorch (and ONNX's reference) then leave the part past it out of the
     * divisor, but ONNX Runtime (1.23) divides such a window by {@code kH·kW} when padding counts. Without
     * padding, counting padding or not is the same divisor, so 0 is exported; with padding, the pool is
     * refused.
     */
    private boolean countIncludePad(AvgPool2d avg, Value x, int[] dims, String path, Module parent) {
        PoolWindow2d win = avg.window();
        if (avg.divisorOverride() > 0) {
            throw new OnnxExportException(where(avg, path, parent) + " divides every window by divisor_override="
                    + avg.divisorOverride() + ", which ONNX's AveragePool cannot express");
        }
        boolean overhang = runsPastPadding(x.dims()[2], dims[2], win.kernelH(), win.strideH(), win.padH())
                || runsPastPadding(x.dims()[3], dims[3], win.kernelW(), win.strideW(), win.padW());
        if (!avg.countIncludePad() || !overhang) {
            return avg.countIncludePad();
        }
        if (win.padH() == 0 && win.padW() == 0) {
            return false;
        }
        throw new OnnxExportException(where(avg, path, parent) + " on " + x.dims()[2] + "×" + x.dims()[3]
                + " has a last window that ceil_mode runs past the padded input; with count_include_pad=True "
                + "PyTorch divides it by the positions inside the padded input, ONNX Runtime by the whole kernel "
                + "(kH·kW), so the exported model would compute other values there. Export with "
                + "count_include_pad=False, padding=0, ceil_mode=False or an input size the windows fit");
    }

    /** Whether the last of {@code out} windows along an axis of {@code size} ends past {@code size + pad}. */
    private static boolean runsPastPadding(int size, int out, int kernel, int stride, int pad) {
        return (out - 1) * stride - pad + kernel > size + pad;
    }

    /**
     * GlobalAveragePool for a 1×1 output; AveragePool when the output size divides the input size, as
     * then PyTorch's windows are equal and do not overlap. Other sizes are refused.
     */
    private Value adaptiveAvgPool(AdaptiveAvgPool2d a, String path, Module parent, Value x) {
        requireRank(4, "(N, C, H, W)", a, path, parent, x);
        int[] o = a.outputSize();
        int h = x.dims()[2];
        int w = x.dims()[3];
        int[] dims = {x.dims()[0], x.dims()[1], o[0], o[1]};
        if (o[0] == 1 && o[1] == 1) {
            return out.op(path, "GlobalAveragePool", dims, List.of(x.name()));
        }
        if (h % o[0] != 0 || w % o[1] != 0) {
            throw new OnnxExportException(where(a, path, parent) + " pools " + h + "×" + w + " to " + o[0] + "×" + o[1]
                    + ", whose windows differ in size; ONNX export needs an output of 1×1 or one that divides the input");
        }
        return out.op(path, "AveragePool", dims, List.of(x.name()), ofInts("kernel_shape", h / o[0], w / o[1]),
                ofInts("strides", h / o[0], w / o[1]));
    }

    /** ONNX Flatten from dimension 1 to the end; Reshape otherwise (0 in the target shape keeps the batch). */
    private Value flatten(Flatten f, String path, Module parent, Value x) {
        int start = normalizeDim(f.startDim(), f, path, parent, x);
        int end = normalizeDim(f.endDim(), f, path, parent, x);
        if (start == 0 || start > end) {
            throw new OnnxExportException(where(f, path, parent) + " flattens dimensions " + f.startDim() + " to "
                    + f.endDim() + " of " + x.describe() + "; ONNX export keeps dimension 0 as the batch, "
                    + "so only dimensions from 1 on can be merged");
        }
        if (start == end) {
            return x;
        }
        int[] dims = new int[x.rank() - (end - start)];
        for (int d = 0, j = 0; d < x.rank(); d++) {
            if (d <= start || d > end) {
                dims[j++] = x.dims()[d];
            } else {
                dims[j - 1] *= x.dims()[d];
            }
        }
        if (start == 1 && end == x.rank() - 1) {
            return out.op(path, "Flatten", dims, List.of(x.name()), ofInt("axis", 1));
        }
        long[] target = longs(dims);
        target[0] = 0;
        return out.op(path, "Reshape", dims, List.of(x.name(), out.int64s(join(path, "shape"), target)));
    }

    private Value normalize(String opType, int dim, Module m, String path, Module parent, Value x) {
        return out.op(path, opType, x.dims(), List.of(x.name()), ofInt("axis", normalizeDim(dim, m, path, parent, x)));
    }

    private static int normalizeDim(int dim, Module m, String path, Module parent, Value x) {
        int d = dim < 0 ? dim + x.rank() : dim;
        if (d < 0 || d >= x.rank()) {
            throw new OnnxExportException(where(m, path, parent) + " works along dimension " + dim
                    + ", which input " + x.describe() + " does not have");
        }
        return d;
    }

    private static void requireRank(int rank, String shape, Module m, String path, Module parent, Value x) {
        if (x.rank() != rank) {
            throw new OnnxExportException(where(m, path, parent) + " expects input " + shape + ", but gets "
                    + x.describe());
        }
    }

    /** {@code module 'features.3' (MyLayer), child '3' of Sequential 'features'}: class and place. */
    static String where(Module module, String path, Module parent) {
        String self = module.getClass().getSimpleName();
        if (parent == null) {
            return "the model itself (" + self + ")";
        }
        int dot = path.lastIndexOf('.');
        String parentPath = dot < 0 ? "" : path.substring(0, dot);
        return "module '" + path + "' (" + self + "), child '" + path.substring(dot + 1) + "' of "
                + parent.getClass().getSimpleName() + (parentPath.isEmpty() ? " (the model)" : " '" + parentPath + "'");
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
