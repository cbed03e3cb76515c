package dev.myelin.fashion.testing;

import dev.myelin.fashion.data.DatasetFile;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.Idx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A tiny stand-in for Fashion-MNIST, written as the four real file names: each class is a bright
 * 8x8 square at its own place on a noisy black background ({@link #template}). Image {@code i} has
 * label {@code i % 10}; one in ten ({@link #mislabelled}) carries the pattern of the next class, so a
 * model that reads the pattern makes confident mistakes, two in every hundred images of each class.
 */
public final class TinyFashion {
    private TinyFashion() {}

    /** Writes the four gzip'd files into {@code dir}; returns them with their MD5 checksums. */
    public static List<DatasetFile> write(Path dir, int trainCount, int testCount, long seed) {
        Random random = new Random(seed);
        writeSplit(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, trainCount, random);
        writeSplit(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, testCount, random);
        List<DatasetFile> files = new ArrayList<>();
        for (DatasetFile official : FashionMnist.FILES) {
            files.add(new DatasetFile(official.name(), md5(dir.resolve(official.name()))));
        }
        return files;
    }

    /** Whether image {@code i} shows the next class's pattern: 0, 11, 22, ..., 99, 100, 111, ... */
    public static boolean mislabelled(int i) {
        return i % 10 == i / 10 % 10;
    }

    /** Where class {@code c} draws its square: 1 inside, 0 outside. */
    public static float[] template(int c) {
        float[] t = new float[FashionMnist.PIXELS];
        int top = 2 + (c / 5) * 14;
        int left = 1 + (c % 5) * 5;
        for (int y = top; y < top + 8; y++) {
            for (int x = left; x < Math.min(28, left + 8); x++) {
                t[y * 28 + x] = 1;
            }
        }
        return t;
    }

    private static void writeSplit(Path dir, String imagesName, String labelsName, int count, Random random) {
        byte[] pixels = new byte[count * FashionMnist.PIXELS];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % FashionMnist.CLASSES;
            int drawn = mislabelled(i) ? (label + 1) % FashionMnist.CLASSES : label;
            labels[i] = (byte) label;
            float[] t = template(drawn);
            for (int p = 0; p < FashionMnist.PIXELS; p++) {
                int v = t[p] > 0 ? 180 + random.nextInt(76) : random.nextInt(40);
                pixels[i * FashionMnist.PIXELS + p] = (byte) v;
            }
        }
        IdxBytes.write(dir.resolve(imagesName), IdxBytes.gzip(IdxBytes.images(Idx.IMAGES_MAGIC, count, 28, 28, pixels)));
        IdxBytes.write(dir.resolve(labelsName), IdxBytes.gzip(IdxBytes.labels(Idx.LABELS_MAGIC, count, labels)));
    }

    public static String md5(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
