package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GemmBlockingTest {
    private static final long KIB = 1024;

    @Test
    void theARowsFillHalfOfL1AndTheBPanelHalfOfL2() {
        // AMD Zen 5 (48 KiB L1d, 1 MiB L2): 12 rows x 512 floats = 24 KiB; 512 x 256 floats = 512 KiB.
        assertEquals(new GemmBlocking(512, 256), GemmBlocking.forCaches(new CacheSizes(48 * KIB, 1024 * KIB, "test")));
        // Intel Sapphire Rapids (48 KiB L1d, 2 MiB L2): a panel twice as wide.
        assertEquals(new GemmBlocking(512, 512), GemmBlocking.forCaches(new CacheSizes(48 * KIB, 2048 * KIB, "test")));
        // 32 KiB L1d: 32768 / 2 / 48 = 341, down to a multiple of 16.
        assertEquals(336, GemmBlocking.forCaches(new CacheSizes(32 * KIB, 256 * KIB, "test")).kc());
    }

    @Test
    void extremeCachesStayWithinBounds() {
        GemmBlocking tiny = GemmBlocking.forCaches(new CacheSizes(1024, 1024, "test"));
        assertEquals(64, tiny.kc());
        assertEquals(16, tiny.nc());
        assertEquals(1024, GemmBlocking.forCaches(new CacheSizes(1024 * KIB, 1024 * KIB, "test")).kc());
    }
}
