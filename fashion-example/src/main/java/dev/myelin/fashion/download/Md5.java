package dev.myelin.fashion.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.MessageDigestInputStream;

/** MD5 checksums, as the dataset's authors publish them (lower-case hex). */
final class Md5 {
    private Md5() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    /** Wraps {@code in} so that everything read through it is digested into {@code digest}. */
    static MessageDigestInputStream digesting(InputStream in, MessageDigest digest) throws IOException {
        return MessageDigestInputStream.builder().setInputStream(in).setMessageDigest(digest).get();
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The MD5 of a whole file. */
    static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = digesting(Files.newInputStream(file), digest)) {
            IOUtils.consume(in);
        }
        return hex(digest);
    }
}
