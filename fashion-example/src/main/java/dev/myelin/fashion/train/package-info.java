/**
 * Training: the presets ({@link dev.myelin.fashion.train.ModelPreset}, the networks of {@code Networks}),
 * their recipes ({@link dev.myelin.fashion.train.Recipe}), the epoch loop with checkpoints
 * ({@link dev.myelin.fashion.train.Training}), fine-tuning ({@code InitFrom}), the classic models fitted
 * in one pass ({@code ClassicTraining}), and loading any run's model
 * ({@link dev.myelin.fashion.train.PresetModelLoader}).
 */
package dev.myelin.fashion.train;
