package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForestOptionsTest {
    @Test
    void theDefaultsAreBreimans() {
        ForestOptions options = ForestOptions.defaults(7);
        assertEquals(100, options.trees());
        assertTrue(options.unlimitedDepth());
        assertEquals(1, options.minSamplesLeaf());
        assertEquals((int) Math.floor(Math.sqrt(784)), options.featuresPerSplit());
        assertEquals(7, options.seed());
    }

    @Test
    void eachWithChangesOneOption() {
        ForestOptions options = ForestOptions.defaults(1).withTrees(3).withMaxDepth(4).withMinSamplesLeaf(5)
                .withFeaturesPerSplit(6).withSeed(8);
        assertEquals(new ForestOptions(3, 4, 5, 6, 8), options);
    }

    @Test
    void invalidOptionsAreRefusedByName() {
        assertRefused("trees must be at least 1, got 0", () -> ForestOptions.defaults(1).withTrees(0));
        assertRefused("maxDepth must be at least 1, got 0", () -> ForestOptions.defaults(1).withMaxDepth(0));
        assertRefused("minSamplesLeaf must be at least 1, got -1", () -> ForestOptions.defaults(1).withMinSamplesLeaf(-1));
        assertRefused("featuresPerSplit must be at least 1, got 0", () -> ForestOptions.defaults(1).withFeaturesPerSplit(0));
        assertRefused("featuresPerSplit is 785, more than the 784 pixels",
                () -> ForestOptions.defaults(1).withFeaturesPerSplit(785));
    }

    private static void assertRefused(String message, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
