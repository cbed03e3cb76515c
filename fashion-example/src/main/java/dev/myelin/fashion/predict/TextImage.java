package dev.myelin.fashion.predict;

/** A small grayscale image drawn with characters, two per pixel so that it keeps its proportions. */
public final class TextImage {
    private static final String RAMP = " .:-=+*#%@";

    private TextImage() {}

    /**
     * Draws an image with a ten-step character ramp, from space (0) to {@code @} (1).
     *
     * @param image values in [0, 1] (others are clamped), row-major, {@code rows * cols} of them
     * @param rows the image's height
     * @param cols the image's width
     * @param indent written at the start of every line
     * @return {@code rows} lines, each {@code indent} then {@code 2 * cols} characters and a line feed
     */
    public static String render(float[] image, int rows, int cols, String indent) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < rows; y++) {
            out.append(indent);
            for (int x = 0; x < cols; x++) {
                float v = Math.clamp(image[y * cols + x], 0f, 1f);
                char c = RAMP.charAt(Math.min(RAMP.length() - 1, (int) (v * RAMP.length())));
                out.append(c).append(c);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
