package dev.myelin.fashion.cli;

import picocli.CommandLine.IVersionProvider;

/** The program's version, from the jar's manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"fashion (Myelin) " + (version == null ? "development build" : version)
                + ", Java " + Runtime.version()};
    }
}
