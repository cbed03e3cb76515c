package dev.myelin.fashion.data;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes,
 * row-major, one after the other.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {}
