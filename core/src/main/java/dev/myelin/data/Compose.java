package dev.myelin.data;

import dev.myelin.tensor.Generator;
import java.util.List;

/** Several transforms applied one after the other, like torchvision's {@code Compose}. */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    /** Applies {@code transforms} in the order given. */
    public Compose(Transform... transforms) {
        this.transforms = List.of(transforms);
    }

    /** The transforms, in the order they are applied. */
    public List<Transform> transforms() {
        return transforms;
    }

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
