package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheSizesTest {

    @Test
    void sysfsGivesTheFirstCoresL1DataAndL2(@TempDir Path dir) throws IOException {
        index(dir, 0, "1", "Data", "48K");
        index(dir, 1, "1", "Instruction", "32K");
        index(dir, 2, "2", "Unified", "1024K");
        index(dir, 3, "3", "Unified", "32768K");
        assertEquals(new CacheSizes(48 * 1024, 1024 * 1024, "sysfs"), CacheSizes.fromSysfs(dir));
    }

    @Test
    void sysfsWithoutAnL2OrWithoutTheDirectoryGivesNothing(@TempDir Path dir) throws IOException {
        assertNull(CacheSizes.fromSysfs(dir.resolve("absent")));
        index(dir, 0, "1", "Data", "32K");
        assertNull(CacheSizes.fromSysfs(dir));
    }

    @Test
    void getconfOutputIsParsedAndEmptyValuesIgnored() {
        String output = """
                LEVEL1_ICACHE_SIZE                 32768
                LEVEL1_DCACHE_SIZE                 49152
                LEVEL1_DCACHE_ASSOC                12
                LEVEL2_CACHE_SIZE                  2097152
                LEVEL4_CACHE_SIZE
                """;
        assertEquals(new CacheSizes(49152, 2097152, "getconf"), CacheSizes.fromGetconf(output));
        assertNull(CacheSizes.fromGetconf("LEVEL1_DCACHE_SIZE 0\nLEVEL2_CACHE_SIZE\n"));
        assertNull(CacheSizes.fromGetconf(null));
    }

    @Test
    void sizesReadWithOrWithoutASuffix() {
        assertEquals(49152, CacheSizes.parseSize("49152"));
        assertEquals(48 * 1024, CacheSizes.parseSize("48K"));
        assertEquals(2 * 1024 * 1024, CacheSizes.parseSize(" 2m "));
        assertThrows(IllegalArgumentException.class, () -> CacheSizes.parseSize("big"));
        assertThrows(IllegalArgumentException.class, () -> CacheSizes.parseSize("0K"));
    }

    @Test
    void thisMachineReportsPlausibleSizes() {
        CacheSizes caches = CacheSizes.detected();
        assertTrue(caches.l1d() >= 8 * 1024 && caches.l1d() <= 1024 * 1024, caches.toString());
        assertTrue(caches.l2() >= 64 * 1024 && caches.l2() <= 64L * 1024 * 1024, caches.toString());
    }

    private static void index(Path dir, int n, String level, String type, String size) throws IOException {
        Path index = Files.createDirectories(dir.resolve("index" + n));
        Files.writeString(index.resolve("level"), level + "\n");
        Files.writeString(index.resolve("type"), type + "\n");
        Files.writeString(index.resolve("size"), size + "\n");
    }
}
