/**
 * Myelin's core, a neural-network library in plain Java. Its exported packages:
 *
 * <ul>
 *   <li>{@code dev.myelin}: {@code Myelin}, the thread count, the default seed and whether the Vector
 *       API kernels are on;
 *   <li>{@code dev.myelin.tensor}: dense float32 tensors with reverse-mode autograd, seeded generators
 *       and the functional ops (linear, convolution, pooling, batch norm, dropout, losses);
 *   <li>{@code dev.myelin.nn}: modules and layers with PyTorch's names and defaults, initialisers and
 *       state dicts;
 *   <li>{@code dev.myelin.optim}: SGD, Adam and AdamW, learning-rate schedulers and gradient clipping;
 *   <li>{@code dev.myelin.data}: datasets, a seeded, prefetching data loader and augmentations;
 *   <li>{@code dev.myelin.io}: safetensors files, state dicts and exactly resumable checkpoints;
 *   <li>{@code dev.myelin.onnx}: export of a model to an ONNX file (opset 17).
 * </ul>
 *
 * <p>The kernels behind the ops and the thread team that runs them stay inside the module. It has no
 * dependency outside the JDK. The fast kernels use the incubating Vector API, which this module
 * requires: on the module path they are on without any flag; on the class path they need
 * {@code --add-modules jdk.incubator.vector}, and without it the scalar kernels give the same results,
 * more slowly.
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
