/**
 * {@code ./fashion serve}: {@link dev.myelin.fashion.serve.PredictionService} puts a
 * {@link dev.myelin.fashion.api.FashionClassifier} behind the JDK's HTTP server, with a page to try it
 * in a browser ({@code index.html} in the resources). Request bodies are validated before they are
 * decoded, and bad input gets 400 with a JSON error.
 */
package dev.myelin.fashion.serve;
