/**
 * Pictures given to a model: {@link dev.myelin.fashion.predict.ImagePreprocessor} turns a picture of
 * any size and colour into a 28x28 image like the dataset's, refusing oversized pictures from their
 * header.
 */
package dev.myelin.fashion.predict;
