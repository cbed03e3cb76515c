/**
 * The numerical kernels behind the ops: loops over {@code float[]} with offsets and strides, no
 * tensors, no autograd. Not exported: {@code dev.myelin.tensor} calls them.
 *
 * <p>Every family has a dispatcher that the ops call, a Vector API kernel used when the incubator
 * module is present ({@link dev.myelin.kernel.VectorSupport#AVAILABLE}), a plain scalar path used
 * otherwise, and a test oracle that the tests hold both to. The oracles, named {@code *Reference},
 * live in the test sources: the word is kept for them. Where a family has no oracle of its own, its
 * scalar path is the twin the tests compare the vector kernel with, element by element.
 *
 * <table>
 *   <caption>Kernel families</caption>
 *   <tr><th>family</th><th>dispatcher</th><th>vector kernel</th><th>scalar path</th><th>test oracle</th></tr>
 *   <tr><td>matrix product</td><td>{@link dev.myelin.kernel.Gemm#sgemm Gemm.sgemm}</td>
 *       <td>{@link dev.myelin.kernel.VectorGemm}</td><td>{@link dev.myelin.kernel.ScalarGemm}
 *       (and {@link dev.myelin.kernel.TiledGemm}, the blocking in scalar form, for reading)</td>
 *       <td>{@code GemmReference}</td></tr>
 *   <tr><td>row dot products ({@code A Bᵀ}, small C, long K)</td><td>{@link dev.myelin.kernel.Gemm#rowDots Gemm.rowDots}</td>
 *       <td>{@link dev.myelin.kernel.VectorRowDots}</td><td>{@link dev.myelin.kernel.ScalarGemm}</td>
 *       <td>{@code GemmReference}</td></tr>
 *   <tr><td>dense layer</td><td>{@link dev.myelin.kernel.Dense}</td><td colspan="2">through the two above</td>
 *       <td>{@code GemmReference}</td></tr>
 *   <tr><td>convolution</td><td>{@link dev.myelin.kernel.Convolution}, {@link dev.myelin.kernel.ConvReluPool}</td>
 *       <td colspan="2">{@link dev.myelin.kernel.ChannelsLastConv}, {@link dev.myelin.kernel.Im2col},
 *       {@link dev.myelin.kernel.ShortPatchGradients}, {@link dev.myelin.kernel.GroupedConvolution}, on the
 *       matrix product (vector or scalar beneath)</td>
 *       <td>{@code ConvolutionReference}</td></tr>
 *   <tr><td>pooling</td><td>{@link dev.myelin.kernel.Pooling}, {@link dev.myelin.kernel.ChannelsLastMaxPool}</td>
 *       <td>{@link dev.myelin.kernel.VectorPooling}, {@link dev.myelin.kernel.VectorChannelsLastMaxPool}</td>
 *       <td>the general window loop in {@link dev.myelin.kernel.Pooling}</td><td>{@code PoolingReference}</td></tr>
 *   <tr><td>element-wise binary</td><td>{@link dev.myelin.kernel.BinaryKernels}</td>
 *       <td>{@link dev.myelin.kernel.VectorBinaryKernels}</td><td>{@link dev.myelin.kernel.ScalarBinaryKernels}</td>
 *       <td>the scalar path</td></tr>
 *   <tr><td>element-wise unary (activations)</td><td>{@link dev.myelin.kernel.UnaryKernels}</td>
 *       <td>{@link dev.myelin.kernel.VectorUnaryKernels} ({@link dev.myelin.kernel.VectorMath},
 *       {@link dev.myelin.kernel.VectorErf})</td><td>{@link dev.myelin.kernel.ScalarUnaryKernels}
 *       ({@link dev.myelin.kernel.Erf})</td><td>the scalar path; {@code java.lang.Math}</td></tr>
 *   <tr><td>reductions</td><td>{@link dev.myelin.kernel.ReductionKernels}</td>
 *       <td>{@link dev.myelin.kernel.VectorReductionKernels}</td><td>{@link dev.myelin.kernel.ScalarReductionKernels}</td>
 *       <td>{@code ReductionReference}</td></tr>
 *   <tr><td>softmax, log-softmax</td><td>{@link dev.myelin.kernel.SoftmaxKernels}</td>
 *       <td>{@link dev.myelin.kernel.VectorSoftmaxKernels}</td><td>{@link dev.myelin.kernel.ScalarSoftmaxKernels}</td>
 *       <td>{@code SoftmaxReference}</td></tr>
 *   <tr><td>batch norm</td><td>{@link dev.myelin.kernel.BatchNormKernels}</td><td colspan="2">one scalar
 *       implementation, parallel over channels</td><td>{@code BatchNormReference}</td></tr>
 *   <tr><td>optimizer updates</td><td>{@link dev.myelin.kernel.OptimizerKernels}</td>
 *       <td>{@link dev.myelin.kernel.VectorOptimizerKernels}</td><td>the loops in
 *       {@link dev.myelin.kernel.OptimizerKernels}</td><td>the scalar path; PyTorch's golden steps</td></tr>
 * </table>
 *
 * <p>Small records name a kernel's arguments where a long positional list would hide them:
 * {@link dev.myelin.kernel.Matrix} is a GEMM operand (array, offset, row stride, whether it is read
 * transposed), {@link dev.myelin.kernel.ChannelLayout} and {@link dev.myelin.kernel.BatchNormGradientTerms}
 * batch norm's {@code (N, C, S)} layout and backward terms, {@link dev.myelin.kernel.MaxPoolOutput} where a
 * max pool writes its values and indices. Kernels unpack them into locals before their loops. The
 * optimizer updates keep positional arguments: a step must allocate nothing (the tests'
 * {@code SteadyStateAllocationTest}), and records made per call are only optimised away once the JIT
 * has compiled and inlined the whole call, which a busy test JVM did not do within 20,000 steps.
 *
 * <p>Support: {@link dev.myelin.kernel.CacheSizes} and {@link dev.myelin.kernel.GemmBlocking} size the
 * GEMM blocks from the caches the machine reports; {@link dev.myelin.kernel.Scratch} holds per-thread
 * work arrays; {@link dev.myelin.kernel.VectorLoops} the shared vector loop shapes;
 * {@link dev.myelin.kernel.Window2d} the geometry of a 2-D window (convolution, pooling);
 * {@link dev.myelin.kernel.ConvGeometry} the sizes of a convolution and {@link dev.myelin.kernel.Floats}
 * an (array, offset) operand, the records the convolution kernels take;
 * {@link dev.myelin.kernel.AvgPoolWindow} an average pool's output size and divisors on top of a window.
 */
package dev.myelin.kernel;
