package dev.myelin.fashion.predict;

/** A small grayscale image drawn with characters, two per pixel so that it keeps its proportions. */
public final class TextImage {
    private static final String RAMP = " .:-=+*#%@";

    private TextImage() {}

    /** The image (values in [0, 1], row-major) as {@code rows} lines, each indented by {@code indent}. */
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
