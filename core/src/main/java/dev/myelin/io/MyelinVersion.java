package dev.myelin.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build of Myelin, recorded in checkpoints for diagnosis only (never checked): the
 * jar manifest's {@code Implementation-Version} if set, else the version Maven records in the jar's
 * {@code pom.properties}, else {@code "unknown"} (as when running from a build directory).
 */
final class MyelinVersion {
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.myelin/myelin-core/pom.properties";
    private static final String VERSION = find();

    private MyelinVersion() {
    }

    /** This build's version, or {@code "unknown"}. */
    static String current() {
        return VERSION;
    }

    private static String find() {
        String manifest = MyelinVersion.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = MyelinVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged resource only costs the informational version string.
        }
        return "unknown";
    }
}
