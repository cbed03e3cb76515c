/**
 * Using a trained model from a Java program, without the command line: {@link
 * dev.myelin.fashion.api.FashionClassifier} loads a run folder and classifies pictures.
 */
package dev.myelin.fashion.api;
