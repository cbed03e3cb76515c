package dev.myelin.io;

import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.testing.FileFuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the readers of core's files (a safetensors file, a state dict, a checkpoint) with mutated
 * valid files: cuts at every length class, flipped bits, header lengths of 2^31 to 2^64 - 1, shapes
 * and offsets that are huge, overlapping or out of range, duplicate names, unknown or mismatched
 * dtypes, invalid UTF-8 and invalid JSON in the header. Each try must end in a valid result or the
 * reader's typed exception naming the file, within a second, on Surefire's 2 GB heap: a header
 * claiming 2^40 elements must be refused before anything is allocated. The counts are printed.
 */
class ReaderFuzzTest {
    private static final int TRIES = 10_000;
    private static final FileFuzz.Tally SAFETENSORS = new FileFuzz.Tally("SafetensorsReader.read");
    private static final FileFuzz.Tally STATE_DICT = new FileFuzz.Tally("StateDict.load");
    private static final FileFuzz.Tally CHECKPOINT = new FileFuzz.Tally("Checkpoint.load");
    private static final List<String> SHAPES = List.of("[1048576,1048576]", "[2147483647,2147483647,4]",
            "[65536,32768]", "[4294967296]", "[46341,46341]", "[]", "[0]", "[-1]", "[1,1,1,1,1,1,1,1,1]", "[2,\"2\"]");
    private static final List<String> OFFSETS = List.of("[0,0]", "[0,8]", "[4,12]", "[8,0]", "[0,1099511627776]",
            "[18446744073709551615,18446744073709551616]", "[-8,0]", "[0]", "[0,8,16]", "null");

    private static final Path DIR = FileFuzz.tempDir("reader-fuzz");
    private static final byte[] SAFETENSORS_FILE = safetensorsFile();
    private static final byte[] STATE_DICT_FILE = stateDictFile();
    private static final byte[] CHECKPOINT_FILE = checkpointFile();

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void safetensorsReaderReturnsOrRefuses(@ForAll("safetensorsMutants") FileFuzz.Mutant m) throws Exception {
        FileFuzz.check(SAFETENSORS, m, DIR.resolve("fuzzed.safetensors"), SafetensorsReader::read,
                SafetensorsException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void stateDictLoadReturnsOrRefuses(@ForAll("stateDictMutants") FileFuzz.Mutant m) throws Exception {
        Sequential model = model();
        FileFuzz.check(STATE_DICT, m, DIR.resolve("fuzzed-model.safetensors"), f -> StateDict.load(model, f, true),
                SafetensorsException.class, StateDictException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void checkpointLoadReturnsOrRefuses(@ForAll("checkpointMutants") FileFuzz.Mutant m) throws Exception {
        FileFuzz.check(CHECKPOINT, m, DIR.resolve("fuzzed.ckpt"), Checkpoint::load,
                SafetensorsException.class, CheckpointException.class);
    }

    @AfterContainer
    static void printCountsAndCleanUp() throws IOException {
        FileFuzz.finish(DIR, SAFETENSORS, STATE_DICT, CHECKPOINT);
    }

    @Provide
    Arbitrary<FileFuzz.Mutant> safetensorsMutants() {
        return mutants(SAFETENSORS_FILE);
    }

    @Provide
    Arbitrary<FileFuzz.Mutant> stateDictMutants() {
        return mutants(STATE_DICT_FILE);
    }

    @Provide
    Arbitrary<FileFuzz.Mutant> checkpointMutants() {
        return mutants(CHECKPOINT_FILE);
    }

    /** Mutations of the whole file, and of its JSON header re-framed with a true length so the JSON gets parsed. */
    private static Arbitrary<FileFuzz.Mutant> mutants(byte[] valid) {
        int headerLength = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(valid, 8, headerLength, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(valid, 8 + headerLength, valid.length);
        Arbitrary<FileFuzz.Mutant> headers = Arbitraries.oneOf(
                FileFuzz.jsonMutants(header),
                Arbitraries.of(SHAPES).map(s -> new FileFuzz.Mutant("shape " + s,
                        FileFuzz.utf8(header.replaceFirst("\"shape\":\\[[^\\]]*\\]", "\"shape\":" + s.replace("\\", "\\\\"))))),
                Arbitraries.of(OFFSETS).map(s -> new FileFuzz.Mutant("data_offsets " + s,
                        FileFuzz.utf8(header.replaceFirst("\"data_offsets\":\\[[^\\]]*\\]", "\"data_offsets\":" + s)))));
        return Arbitraries.oneOf(
                FileFuzz.truncations(valid, 8 + headerLength),
                FileFuzz.flips(valid),
                FileFuzz.hugeFields(valid, ByteOrder.LITTLE_ENDIAN, 8, 0),
                headers.map(h -> h.then("re-framed", RawFiles.file(h.bytes().length, h.bytes(), data))));
    }

    /** Four tensors of every readable dtype, some metadata. */
    private static byte[] safetensorsFile() {
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"fuzz\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[16,20]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[20,24]},"
                + "\"d\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[24,32]}}";
        ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1).putFloat(-2).putFloat(0.5f).putFloat(3);
        data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3F80).putShort((short) 0x4000);
        data.putLong(7);
        return RawFiles.file(header, data.array());
    }

    private static Sequential model() {
        Generator g = new Generator(1);
        return new Sequential(new Linear(3, 2, g), new BatchNorm1d(2));
    }

    private static byte[] stateDictFile() {
        try {
            Path file = DIR.resolve("model.safetensors");
            StateDict.save(model(), file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] checkpointFile() {
        try {
            return Files.readAllBytes(Path.of(ReaderFuzzTest.class.getResource("/checkpoints/v1-tiny.ckpt").toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
