/**
 * Downloading Fashion-MNIST from its mirrors, with progress, checked against the official MD5 sums.
 */
package dev.myelin.fashion.download;
