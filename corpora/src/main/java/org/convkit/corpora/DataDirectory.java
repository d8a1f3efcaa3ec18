package org.convkit.corpora;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where fetched datasets and built corpora are cached: the {@code --data-dir} option if given, else
 * the {@code CONVKIT_DATA} environment variable, else {@code ~/.convkit/data}.
 */
public final class DataDirectory {

    /** The environment variable that overrides the default. */
    public static final String ENVIRONMENT_VARIABLE = "CONVKIT_DATA";

    private DataDirectory() {
    }

    /**
     * Resolves the data directory.
     *
     * @param option      the value of {@code --data-dir}, or null
     * @param environment the process environment (normally {@link System#getenv()})
     * @param userHome    the user's home directory (normally the {@code user.home} property)
     * @return the directory (not created)
     */
    public static Path resolve(String option, Map<String, String> environment, String userHome) {
        if (option != null && !option.isBlank()) {
            return Path.of(option).toAbsolutePath().normalize();
        }
        String env = environment.get(ENVIRONMENT_VARIABLE);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".convkit", "data").toAbsolutePath().normalize();
    }

    /**
     * Resolves the data directory from this process's environment and home.
     *
     * @param option the value of {@code --data-dir}, or null
     * @return the directory
     */
    public static Path resolve(String option) {
        return resolve(option, System.getenv(), System.getProperty("user.home"));
    }
}
