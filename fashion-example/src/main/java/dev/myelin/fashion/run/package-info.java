/**
 * The run folder, the unit of everything ({@link dev.myelin.fashion.run.RunDirectory}: config, model,
 * metrics, checkpoint), and {@link dev.myelin.fashion.run.TrainedModel}, the one interface through which
 * the commands see any trained classifier.
 */
package dev.myelin.fashion.run;
