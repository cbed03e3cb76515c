package dev.myelin.fashion.api;

/**
 * One class a model gives an image, with its probability.
 *
 * @param label       the Fashion-MNIST label, 0 to 9
 * @param className   its name, such as "Trouser"
 * @param probability in [0, 1]; the probabilities of all ten classes add up to 1
 */
public record Prediction(int label, String className, float probability) {}
