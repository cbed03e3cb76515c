/**
 * Myelin's core: tensors with reverse-mode autograd, the kernels behind them, layers, optimizers,
 * data loading and safetensors I/O. It has no runtime dependency; the fast kernels use the
 * incubating Vector API.
 */
module dev.myelin.core {
    requires jdk.incubator.vector;

    exports dev.myelin;
    exports dev.myelin.tensor;
    exports dev.myelin.nn;
    exports dev.myelin.optim;
    exports dev.myelin.data;
    exports dev.myelin.io;
    exports dev.myelin.onnx;
}
