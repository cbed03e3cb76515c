/**
 * The classic models of the study, beside the networks: k-nearest neighbours ({@code knn}) and a
 * random forest ({@code forest}). They are built on Myelin's tensors and GEMM, not on its autograd,
 * and each is a {@link dev.myelin.fashion.run.TrainedModel} like the networks, saved in a documented
 * safetensors layout. The linear models (softmax regression and the linear SVM) are one-layer
 * networks trained by {@code dev.myelin.fashion.train}.
 */
package dev.myelin.fashion.classic;
