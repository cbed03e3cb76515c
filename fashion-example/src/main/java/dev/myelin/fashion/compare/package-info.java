/**
 * {@code ./fashion compare}: several trained models side by side on the test set, and one of them
 * chosen on validation accuracy.
 *
 * <p>{@link ModelMeasurer} measures one run folder ({@link ComparedModel}); {@link Comparison} holds
 * the rows and the choice; {@link ComparisonTable} and {@link ComparisonJson} write them for a person
 * and for a program (the HTML page is {@code report.ComparisonHtml}); {@link QuickRecipe} says how
 * {@code --quick} shortens each model's training.
 */
package dev.myelin.fashion.compare;
