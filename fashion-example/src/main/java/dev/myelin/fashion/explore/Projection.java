package dev.myelin.fashion.explore;

/**
 * Images placed in the plane of the first two principal components.
 *
 * @param points the two coordinates of each image
 * @param labels the class of each image
 */
public record Projection(float[][] points, int[] labels) {
    public Projection {
        if (points.length != labels.length) {
            throw new IllegalArgumentException(points.length + " points for " + labels.length + " labels");
        }
    }

    /** The number of images projected. */
    public int size() {
        return points.length;
    }
}
