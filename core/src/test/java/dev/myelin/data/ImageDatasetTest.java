package dev.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    /** Three 1×1×2 images: (0, 255), (51, 102), (7, 8), labelled 4, 0, 9. */
    private static ImageDataset three() {
        byte[] pixels = {0, (byte) 255, 51, 102, 7, 8};
        return new ImageDataset(pixels, new int[] {4, 0, 9}, 1, 1, 2);
    }

    @Test
    void bytesBecomeFloatsInTheUnitInterval() {
        ImageDataset d = three();
        float[] out = new float[4];
        d.readInto(0, out, 1);
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, out);
        d.readInto(1, out, 2);
        assertArrayEquals(new float[] {0f, 0f, 0.2f, 0.4f}, out);
    }

    @Test
    void everyByteValueMapsToItsFraction() {
        byte[] pixels = new byte[256];
        for (int v = 0; v < 256; v++) {
            pixels[v] = (byte) v;
        }
        float[] out = new float[256];
        new ImageDataset(pixels, new int[] {0}, 1, 16, 16).readInto(0, out, 0);
        for (int v = 0; v < 256; v++) {
            assertEquals(v / 255f, out[v]);
        }
        assertEquals(0f, out[0]);
        assertEquals(1f, out[255]);
    }

    @Test
    void sizeShapeAndLabels() {
        ImageDataset d = new ImageDataset(new byte[2 * 3 * 4 * 5], new int[] {1, 2}, 3, 4, 5);
        assertEquals(2, d.size());
        assertEquals(3, d.channels());
        assertEquals(4, d.height());
        assertEquals(5, d.width());
        assertArrayEquals(new int[] {3, 4, 5}, d.sampleShape());
        assertEquals(2, d.label(1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(2));
        assertThrows(IndexOutOfBoundsException.class, () -> d.readInto(0, new float[59], 0));
    }

    @Test
    void subsetsAreViewsInTheGivenOrder() {
        ImageDataset d = three();
        ImageDataset tail = d.subset(1, 3);
        assertEquals(2, tail.size());
        assertEquals(0, tail.label(0));
        assertEquals(9, tail.label(1));
        float[] out = new float[2];
        tail.readInto(1, out, 0);
        assertArrayEquals(new float[] {7 / 255f, 8 / 255f}, out);

        ImageDataset picked = d.subset(new int[] {2, 0, 2});
        assertEquals(3, picked.size());
        assertEquals(9, picked.label(0));
        assertEquals(4, picked.label(1));
        ImageDataset nested = tail.subset(new int[] {1});
        assertEquals(9, nested.label(0));
        assertEquals(0, d.subset(3, 3).size());

        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.subset(new int[] {2}));
    }

    @Test
    void constructorRejectsInconsistentArguments() {
        var lengths = assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset(new byte[5], new int[] {0, 1}, 1, 1, 2));
        assertTrue(lengths.getMessage().contains("need 4 pixel bytes, got 5"), lengths.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> new ImageDataset(new byte[4], new int[] {0, -3}, 1, 1, 2));
        assertTrue(negative.getMessage().contains("label 1 is -3"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageDataset(new byte[0], new int[0], 0, 1, 1));
        assertThrows(NullPointerException.class, () -> new ImageDataset(null, new int[0], 1, 1, 1));
    }
}
