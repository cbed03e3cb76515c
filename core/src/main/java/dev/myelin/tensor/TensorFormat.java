package dev.myelin.tensor;

import java.util.Locale;

/**
 * Prints a tensor the way PyTorch does: nested brackets, one width for every element, integers as
 * {@code 1.}, otherwise four decimals or scientific notation when the magnitudes call for it, and
 * only the first and last three entries of each dimension when there are more than 1000 elements.
 */
final class TensorFormat {
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        String prefix = "tensor(";
        StringBuilder sb = new StringBuilder(prefix);
        float[] values = t.toArray();
        Shape shape = t.shape();
        if (shape.size() == 0) {
            sb.append("[]");
            if (shape.rank() > 1) {
                sb.append(", size=(").append(shape.toString(), 1, shape.toString().length() - 1).append(')');
            }
        } else {
            boolean summarize = shape.size() > SUMMARY_THRESHOLD;
            Style style = Style.of(values);
            int width = 0;
            for (float v : values) {
                width = Math.max(width, style.format(v).length());
            }
            appendDim(sb, values, shape.dims(), shape.strides(), 0, 0, style, width, prefix.length(), summarize);
        }
        if (t.gradFnName() != null) {
            sb.append(", grad_fn=<").append(t.gradFnName()).append("Backward>");
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static void appendDim(StringBuilder sb, float[] values, int[] dims, int[] strides, int dim, int base,
            Style style, int width, int indent, boolean summarize) {
        if (dim == dims.length) {
            String s = style.format(values[base]);
            sb.append(" ".repeat(width - s.length())).append(s);
            return;
        }
        int n = dims[dim];
        boolean cut = summarize && n > 2 * EDGE_ITEMS;
        boolean last = dim == dims.length - 1;
        String separator = last ? ", " : "," + "\n".repeat(dims.length - dim - 1) + " ".repeat(indent + dim + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE_ITEMS) {
                sb.append("...").append(separator);
                i = n - EDGE_ITEMS;
            }
            appendDim(sb, values, dims, strides, dim + 1, base + i * strides[dim], style, width, indent, summarize);
            if (i < n - 1) {
                sb.append(separator);
            }
        }
        sb.append(']');
    }

    /** How every element of one tensor is printed, chosen from all of them together, as PyTorch does. */
    private enum Style {
        INTEGER, FIXED, SCIENTIFIC;

        static Style of(float[] values) {
            boolean allIntegers = true;
            double maxAbs = 0;
            double minAbs = Double.MAX_VALUE;
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    continue;
                }
                if (v != Math.rint(v)) {
                    allIntegers = false;
                }
                double a = Math.abs(v);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            if (allIntegers) {
                return maxAbs > 1e8 ? SCIENTIFIC : INTEGER;
            }
            if (maxAbs == 0) {
                return FIXED;
            }
            return maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4 ? SCIENTIFIC : FIXED;
        }

        String format(float v) {
            if (Float.isNaN(v)) {
                return "nan";
            }
            if (Float.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return switch (this) {
                case INTEGER -> String.format(Locale.ROOT, "%.0f.", v);
                case FIXED -> String.format(Locale.ROOT, "%.4f", v);
                case SCIENTIFIC -> String.format(Locale.ROOT, "%.4e", v);
            };
        }
    }
}
