package dev.myelin.fashion.api;

/**
 * One class a model gives an image, with its probability; {@link FashionClassifier}'s predictions come
 * as a list of these, most likely first.
 *
 * @param label       the Fashion-MNIST label, 0 to 9
 * @param className   its name, such as "Trouser": {@code classNames().get(label)}
 * @param probability the model's probability for this class, in [0, 1] (softmax of its scores); the
 *                    probabilities of all ten classes add up to 1
 */
public record Prediction(int label, String className, float probability) {}
