/**
 * {@code ./fashion sweep}: random search with successive halving ({@link dev.myelin.fashion.sweep.Rungs})
 * over a {@link dev.myelin.fashion.sweep.SearchSpace}, each trial an ordinary run folder, progress in
 * {@code sweep.json} so that a killed sweep resumes ({@link dev.myelin.fashion.sweep.SweepState}).
 */
package dev.myelin.fashion.sweep;
