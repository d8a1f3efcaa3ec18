package org.convkit.io;

/**
 * The version of convkit, recorded in every file it writes so a file can say which release made it.
 * Kept equal to the Maven project version (a test compares it with the parent pom).
 */
public final class ConvkitVersion {
    /** The convkit release, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private ConvkitVersion() {
    }
}
