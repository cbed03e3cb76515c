package dev.myelin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of a small valid file, for fuzzing a reader of outside bytes, and the check every try
 * must pass: the reader returns, or throws its own typed exception naming the file (with no raw
 * control character in its message), within a second.
 * Anything else (a runtime exception, an {@link OutOfMemoryError}, a slow try) fails the property.
 */
public final class FileFuzz {
    /** Huge or impossible values for integer fields: 2^31 to 2^64 - 1, and a few negatives. */
    public static final List<Long> HUGE = List.of(1L << 31, (1L << 32) - 1, 1L << 32, 1L << 40, 1L << 62, Long.MAX_VALUE,
            Long.MIN_VALUE, -1L, -2L, Integer.MIN_VALUE + 0L);

    private static final List<String> NUMBERS = List.of("2147483648", "4294967295", "4294967296", "1099511627776",
            "9223372036854775807", "9223372036854775808", "18446744073709551616", "-1", "-2147483649", "1e400",
            "1.5", "-0", "0", "1e-400", "123456789012345678901234567890");
    private static final List<String> STRINGS = List.of("\"F33\"", "\"F64\"", "\"I8\"", "\"BOOL\"", "\"F16\"",
            "\"BF16\"", "\"I64\"", "\"I32\"", "\"\"", "\"\\u001b[2J\"", "\"\u001b[31m\"", "\"\\ud800\"",
            "\"__metadata__\"", "\"f32\"", "\"1e400\"", "\"NaN\"", "\"-1\"", "\"9223372036854775808\"");
    private static final List<byte[]> INSERTIONS = List.of(bytes(0xFF), bytes(0xC0, 0x80), bytes(0xED, 0xA0, 0x80),
            bytes(0x80), bytes(0xE2, 0x82), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0x1B), bytes(0x00), bytes(0x07),
            bytes('{'), bytes('}'), bytes('['), bytes(']'), bytes(','), bytes(':'), bytes('"'), bytes('\\'),
            bytes('-'), bytes('0'), bytes('e'));
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\"])-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern KEY = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"\\s*:");

    private FileFuzz() {
    }

    /** A mutated file and what was done to it, for jqwik's report of a failing try. */
    public record Mutant(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how + " (" + bytes.length + " bytes)";
        }

        public Mutant then(String what, byte[] changed) {
            return new Mutant(how + ", " + what, changed);
        }
    }

    /** Cuts at every length class: empty, inside the header, inside the data, one byte short. */
    public static Arbitrary<Mutant> truncations(byte[] valid, int headerBytes) {
        return Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.integers().between(1, Math.max(1, headerBytes - 1)),
                Arbitraries.integers().between(Math.min(headerBytes, valid.length - 1), valid.length - 1),
                Arbitraries.just(valid.length - 1))
                .map(n -> new Mutant("cut to " + n + " of " + valid.length + " bytes", Arrays.copyOf(valid, n)));
    }

    /** One to eight random bit patterns XORed into random bytes. */
    public static Arbitrary<Mutant> flips(byte[] valid) {
        Arbitrary<int[]> flip = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.integers().between(1, 255)).as((at, mask) -> new int[] {at, mask});
        return flip.list().ofMinSize(1).ofMaxSize(8).map(flips -> {
            byte[] b = valid.clone();
            StringBuilder how = new StringBuilder("flipped");
            for (int[] f : flips) {
                b[f[0]] ^= (byte) f[1];
                how.append(String.format(Locale.ROOT, " @%d^%02x", f[0], f[1]));
            }
            return new Mutant(how.toString(), b);
        });
    }

    /** An integer field of {@code width} (2, 4 or 8) bytes at one of {@code offsets} set to a huge or negative value. */
    public static Arbitrary<Mutant> hugeFields(byte[] valid, ByteOrder order, int width, int... offsets) {
        Arbitrary<Long> values = Arbitraries.oneOf(Arbitraries.of(HUGE),
                Arbitraries.longs().between(1L << 31, Long.MAX_VALUE));
        return Combinators.combine(Arbitraries.of(Arrays.stream(offsets).boxed().toList()), values).as((at, v) -> {
            ByteBuffer b = ByteBuffer.wrap(valid.clone()).order(order);
            switch (width) {
                case 8 -> b.putLong(at, v);
                case 4 -> b.putInt(at, (int) v.longValue());
                default -> b.putShort(at, (short) v.longValue());
            }
            return new Mutant("field @" + at + " = " + Long.toUnsignedString(v), b.array());
        });
    }

    /**
     * The JSON text with one token replaced, one byte sequence inserted or a few characters cut: huge,
     * negative and fractional numbers, small numbers (offsets that overlap or point outside), unknown
     * and mismatched dtype strings, duplicate keys, invalid UTF-8, raw control bytes and stray structure.
     */
    public static Arbitrary<Mutant> jsonMutants(String json) {
        List<int[]> numbers = spans(NUMBER, json);
        List<int[]> strings = spans(STRING, json);
        List<int[]> keys = spans(KEY, json);
        List<Arbitrary<Mutant>> kinds = new ArrayList<>();
        if (!numbers.isEmpty()) {
            Arbitrary<String> replacement = Arbitraries.oneOf(Arbitraries.of(NUMBERS),
                    Arbitraries.integers().between(0, 4096).map(String::valueOf));
            kinds.add(Combinators.combine(Arbitraries.of(numbers), replacement)
                    .as((span, s) -> replaced(json, span, s)));
        }
        if (!strings.isEmpty()) {
            kinds.add(Combinators.combine(Arbitraries.of(strings), Arbitraries.of(STRINGS))
                    .as((span, s) -> replaced(json, span, s)));
        }
        if (!keys.isEmpty()) {
            kinds.add(Arbitraries.of(keys).map(span -> {
                String key = json.substring(span[0], span[1]);
                return new Mutant("duplicated key " + key, utf8(json.substring(0, span[0]) + key + "null,"
                        + json.substring(span[0])));
            }));
        }
        byte[] text = utf8(json);
        kinds.add(Combinators.combine(Arbitraries.integers().between(0, text.length), Arbitraries.of(INSERTIONS))
                .as((at, insert) -> new Mutant("inserted " + hex(insert) + " @" + at, splice(text, at, 0, insert))));
        kinds.add(Combinators.combine(Arbitraries.integers().between(0, text.length - 1),
                Arbitraries.integers().between(1, 8)).as((at, n) -> new Mutant("cut " + n + " bytes @" + at,
                splice(text, at, Math.min(n, text.length - at), new byte[0]))));
        return Arbitraries.oneOf(kinds);
    }

    /**
     * Runs {@code reader} on {@code m} written to {@code file}; fails unless it returns or throws one of
     * {@code typed} naming the file, within a second.
     */
    @SafeVarargs
    public static void check(Tally tally, Mutant m, Path file, Reader reader, Class<? extends Exception>... typed)
            throws Exception {
        Files.write(file, m.bytes());
        Throwable thrown = null;
        long start = System.nanoTime();
        try {
            reader.read(file);
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = System.nanoTime() - start;
        tally.record(nanos, thrown == null);
        boolean typedNamingTheFile = thrown != null && isOneOf(thrown, typed)
                && String.valueOf(thrown.getMessage()).contains(file.toString());
        if (thrown != null && !typedNamingTheFile) {
            throw new AssertionError(m + ": the reader threw " + thrown + ", not a typed exception naming the file",
                    thrown);
        }
        if (thrown != null && thrown.getMessage().chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new AssertionError(m + ": a raw control character in the message " + thrown.getMessage(), thrown);
        }
        if (nanos > 1_000_000_000L) {
            throw new AssertionError(m + ": one try took " + nanos / 1_000_000 + " ms");
        }
    }

    private static boolean isOneOf(Throwable t, Class<? extends Exception>[] typed) {
        return Arrays.stream(typed).anyMatch(c -> c.isInstance(t));
    }

    /** A reader under test. */
    @FunctionalInterface
    public interface Reader {
        Object read(Path file) throws Exception;
    }

    /** Tries, accepted and refused files, and times of one fuzzed reader; {@link #summary} is what the tests print. */
    public static final class Tally {
        private final String reader;
        private int tries;
        private int accepted;
        private long totalNanos;
        private long slowestNanos;

        public Tally(String reader) {
            this.reader = reader;
        }

        synchronized void record(long nanos, boolean ok) {
            tries++;
            accepted += ok ? 1 : 0;
            totalNanos += nanos;
            slowestNanos = Math.max(slowestNanos, nanos);
        }

        public synchronized String summary() {
            return String.format(Locale.ROOT, "fuzz %s: %d tries, %d accepted, %d refused, slowest try %.1f ms, %.2f s reading",
                    reader, tries, accepted, tries - accepted, slowestNanos / 1e6, totalNanos / 1e9);
        }
    }

    /** A fresh temporary directory for the fuzzed files. */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} with what it holds, and prints every tally's {@link Tally#summary}. */
    public static void finish(Path dir, Tally... tallies) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        for (Tally t : tallies) {
            System.out.println(t.summary());
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Mutant replaced(String json, int[] span, String with) {
        return new Mutant("replaced " + json.substring(span[0], span[1]) + " by " + with,
                utf8(json.substring(0, span[0]) + with + json.substring(span[1])));
    }

    private static List<int[]> spans(Pattern p, String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
