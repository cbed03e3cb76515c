package dev.myelin.data;

import dev.myelin.tensor.Generator;
import java.util.List;

/** Several transforms applied one after the other, like torchvision's {@code Compose}. */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    /**
     * A transform that applies {@code transforms} in the order given, all drawing from the sample's one
     * generator in turn.
     *
     * @param transforms the transforms, first applied first; none gives the identity; no element may be
     *     null
     * @throws NullPointerException if an element is null
     */
    public Compose(Transform... transforms) {
        this.transforms = List.of(transforms);
    }

    /**
     * The transforms this one chains.
     *
     * @return an unmodifiable list, in the order they are applied
     */
    public List<Transform> transforms() {
        return transforms;
    }

    /** Applies each transform in turn to {@code image}, passing them all the same {@code random}. */
    @Override
    public void apply(ImageView image, Generator random) {
        for (Transform t : transforms) {
            t.apply(image, random);
        }
    }

    @Override
    public String toString() {
        return "Compose" + transforms;
    }
}
