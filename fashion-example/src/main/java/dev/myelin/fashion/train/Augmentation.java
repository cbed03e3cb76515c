package dev.myelin.fashion.train;

import dev.myelin.data.Compose;
import dev.myelin.data.RandomCrop;
import dev.myelin.data.RandomErasing;
import dev.myelin.data.RandomHorizontalFlip;
import dev.myelin.data.Transform;

/** The training-time augmentation of each preset. */
final class Augmentation {
    private Augmentation() {
    }

    /**
     * Shifts of up to 2 pixels and left-right flips (clothes are roughly symmetric); the vgg and
     * resnet presets (and so best) also erase a random rectangle, which discourages relying on one small region. Null for none.
     */
    static Transform forPreset(ModelPreset preset, boolean augment) {
        if (!augment) {
            return null;
        }
        Transform shiftAndFlip = new Compose(new RandomCrop(28, 2), new RandomHorizontalFlip());
        boolean erase = preset.architecture() == ModelPreset.VGG || preset.architecture() == ModelPreset.RESNET;
        return erase ? new Compose(shiftAndFlip, new RandomErasing()) : shiftAndFlip;
    }
}
