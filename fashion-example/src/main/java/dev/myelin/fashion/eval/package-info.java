/**
 * Measuring a model: accuracy, per-class precision, recall and F1, the confusion matrix
 * ({@link dev.myelin.fashion.eval.Evaluation}), batched inference ({@link dev.myelin.fashion.eval.Inference})
 * and test-time mirroring ({@link dev.myelin.fashion.eval.MirrorAveraged}).
 */
package dev.myelin.fashion.eval;
