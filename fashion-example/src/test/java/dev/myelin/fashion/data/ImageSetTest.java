package dev.myelin.fashion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    /** Five 1x2 images whose pixels are (10 * label, i): each image is recognisable after selection. */
    private static final ImageSet SET = new ImageSet(
            new byte[] {30, 0, 10, 1, 30, 2, 0, 3, 20, 4}, new int[] {3, 1, 3, 0, 2}, 1, 2);

    @Test
    void onlyClassesKeepsTheirImagesInOrderAndNumbersThemByTheirPlaceInTheList() {
        ImageSet kept = SET.onlyClasses(List.of(3, 0));
        assertArrayEquals(new int[] {0, 0, 1}, kept.labels());
        assertArrayEquals(new byte[] {30, 0, 30, 2, 0, 3}, kept.pixels());
    }

    @Test
    void withLabelsInKeepsTheLabels() {
        ImageSet kept = SET.withLabelsIn(List.of(1, 2));
        assertArrayEquals(new int[] {1, 2}, kept.labels());
        assertArrayEquals(new byte[] {10, 1, 20, 4}, kept.pixels());
        assertEquals(0, SET.withLabelsIn(List.of(9)).size());
    }
}
