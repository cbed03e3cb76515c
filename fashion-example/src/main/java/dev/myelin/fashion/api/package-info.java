/**
 * Using a trained model from a Java program, without the command line: {@link
 * dev.myelin.fashion.api.FashionClassifier} loads a run folder written by {@code ./fashion train} (or
 * {@code ensemble}) and classifies pictures, returning {@link dev.myelin.fashion.api.Prediction}s. It
 * is safe to share between threads.
 *
 * <p>This is the only package the module exports. A picture that cannot be read is reported as an
 * {@link java.io.IOException} (its class, {@code ImageInputException}, sits in a package the module does
 * not export, so a caller on the module path catches it as {@code IOException}).
 */
package dev.myelin.fashion.api;
