package dev.myelin.onnx;

/**
 * A value of the graph being built: its name and its shape for the sample input. Dimension 0 is the
 * batch, which the exported graph leaves free.
 *
 * @param name the value's name in the graph
 * @param dims its dimensions, the batch first
 */
record Value(String name, int[] dims) {
    int rank() {
        return dims.length;
    }

    /** {@code (N, C, H, W)} and so on, the batch shown as N. */
    String describe() {
        StringBuilder s = new StringBuilder("(N");
        for (int i = 1; i < dims.length; i++) {
            s.append(", ").append(dims[i]);
        }
        return s.append(')').toString();
    }
}
