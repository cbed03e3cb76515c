/**
 * Ensembles: {@link dev.myelin.fashion.ensemble.EnsembleModel} averages its members' class
 * probabilities; {@link dev.myelin.fashion.ensemble.EnsembleRun} writes the run folder of
 * {@code ./fashion ensemble}, with copies of its members under {@code members/}.
 */
package dev.myelin.fashion.ensemble;
