package dev.myelin.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The per-core data caches of this machine, which the GEMM blocking is derived from
 * ({@link GemmBlocking}). They are looked up once, in this order:
 * <ol>
 *   <li>the system properties {@code myelin.cache.l1d} and {@code myelin.cache.l2} (bytes, or with a
 *       {@code K} or {@code M} suffix), to override what the machine reports;</li>
 *   <li>Linux sysfs, {@code /sys/devices/system/cpu/cpu0/cache/index*}, the caches of the first core;</li>
 *   <li>{@code getconf -a} (glibc reads them from CPUID), for virtual machines that hide the sysfs
 *       cache directory;</li>
 *   <li>safe defaults, {@value #DEFAULT_L1D} and {@value #DEFAULT_L2} bytes: smaller than any x86 core
 *       of the last decade has, so the blocks fit wherever they run, at some cost in speed.</li>
 * </ol>
 * Each size comes from the first source that reports it; {@link #source()} says which.
 *
 * @param l1d bytes of L1 data cache per core
 * @param l2 bytes of L2 cache per core
 * @param source where the sizes came from, for benchmark records
 */
public record CacheSizes(long l1d, long l2, String source) {
    static final long DEFAULT_L1D = 32 * 1024;
    static final long DEFAULT_L2 = 256 * 1024;

    private static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    public CacheSizes {
        if (l1d <= 0 || l2 <= 0) {
            throw new IllegalArgumentException("cache sizes must be positive: L1d " + l1d + ", L2 " + l2);
        }
    }

    /** The sizes of this machine (looked up on first use, then kept). */
    public static CacheSizes detected() {
        return Detected.SIZES;
    }

    private static final class Detected {
        static final CacheSizes SIZES = lookUp();
    }

    private static CacheSizes lookUp() {
        String propertyL1 = System.getProperty("myelin.cache.l1d");
        String propertyL2 = System.getProperty("myelin.cache.l2");
        if (propertyL1 != null && propertyL2 != null) {
            return new CacheSizes(parseSize(propertyL1), parseSize(propertyL2), "system properties");
        }
        CacheSizes found = fromSysfs(SYSFS);
        if (found == null) {
            found = fromGetconf(runGetconf());
        }
        if (found == null) {
            found = new CacheSizes(DEFAULT_L1D, DEFAULT_L2, "defaults (the machine reports no cache sizes)");
        }
        if (propertyL1 != null || propertyL2 != null) {
            return new CacheSizes(propertyL1 != null ? parseSize(propertyL1) : found.l1d,
                    propertyL2 != null ? parseSize(propertyL2) : found.l2, "system property and " + found.source);
        }
        return found;
    }

    /** The L1 data and L2 sizes in a sysfs cache directory ({@code indexN/level, type, size}), or null. */
    static CacheSizes fromSysfs(Path cacheDirectory) {
        long l1d = 0;
        long l2 = 0;
        try (var entries = Files.newDirectoryStream(cacheDirectory, "index*")) {
            for (Path index : entries) {
                String level = Files.readString(index.resolve("level")).trim();
                String type = Files.readString(index.resolve("type")).trim();
                long size = parseSize(Files.readString(index.resolve("size")).trim());
                if (level.equals("1") && type.equals("Data")) {
                    l1d = size;
                } else if (level.equals("2") && !type.equals("Instruction")) {
                    l2 = size;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return l1d > 0 && l2 > 0 ? new CacheSizes(l1d, l2, "sysfs") : null;
    }

    /** The sizes in the output of {@code getconf -a} ({@code LEVEL1_DCACHE_SIZE 49152} ...), or null. */
    static CacheSizes fromGetconf(String output) {
        if (output == null) {
            return null;
        }
        long l1d = 0;
        long l2 = 0;
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 2 || !fields[1].matches("[0-9]+")) {
                continue;
            }
            switch (fields[0]) {
                case "LEVEL1_DCACHE_SIZE" -> l1d = Long.parseLong(fields[1]);
                case "LEVEL2_CACHE_SIZE" -> l2 = Long.parseLong(fields[1]);
                default -> { }
            }
        }
        return l1d > 0 && l2 > 0 ? new CacheSizes(l1d, l2, "getconf") : null;
    }

    /** The output of {@code getconf -a}, or null when there is no getconf or it does not answer in 2 s. */
    private static String runGetconf() {
        try {
            Process process = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readNBytes(1 << 20);
            }
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code 49152}, {@code 48K} or {@code 1M} as bytes. */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1024;
        } else if (t.endsWith("M")) {
            unit = 1024 * 1024;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        long value;
        try {
            value = Long.parseLong(digits.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cache size: '" + text + "' (expected bytes, or a K or M suffix)");
        }
        if (value <= 0) {
            throw new IllegalArgumentException("not a cache size: '" + text + "' (must be positive)");
        }
        return value * unit;
    }

    @Override
    public String toString() {
        return "L1d " + l1d / 1024 + " KiB, L2 " + l2 / 1024 + " KiB (" + source + ")";
    }
}
