package dev.myelin.kernel;

/**
 * Whether the Vector API is usable in this JVM. Without {@code --add-modules jdk.incubator.vector}
 * (on the class path) the module is absent; the library then runs on its scalar kernels and says
 * once on stderr how to switch the fast path on. Classes that touch {@code jdk.incubator.vector} are
 * only loaded when this is true.
 */
public final class VectorSupport {
    /** True when {@code jdk.incubator.vector} is in the boot layer and the fast kernels may be used. */
    public static final boolean AVAILABLE = detect();

    private VectorSupport() {
    }

    private static boolean detect() {
        if (Boolean.getBoolean("myelin.scalar")) {
            return false; // forced scalar, for comparisons and tests
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            System.err.println("myelin: the Vector API is not enabled, running on the slower scalar kernels; "
                    + "start java with --add-modules jdk.incubator.vector to switch the fast path on");
        }
        return present;
    }
}
