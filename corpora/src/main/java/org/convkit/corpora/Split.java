package org.convkit.corpora;

import java.util.Locale;

/** The partition an example belongs to. */
public enum Split {
    /** Training data. */
    TRAIN,
    /** Held-out data for model selection (Speech Commands' {@code validation_list.txt}). */
    VALIDATION,
    /** Held-out data for the final figure (Speech Commands' {@code testing_list.txt}). */
    TEST;

    /**
     * Parses the usual spellings of a split name, case-insensitively: {@code train}, {@code training};
     * {@code validation}, {@code valid}, {@code val}, {@code dev}; {@code test}, {@code testing}.
     *
     * @param name the split name as written in a manifest or file name
     * @return the split
     * @throws IllegalArgumentException naming the accepted spellings if {@code name} is none of them
     */
    public static Split parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> TRAIN;
            case "validation", "valid", "val", "dev" -> VALIDATION;
            case "test", "testing" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + name
                + "', expected one of train/training, validation/valid/val/dev, test/testing");
        };
    }

    /**
     * The lower-case name used in file names and printed tables.
     *
     * @return {@code train}, {@code validation} or {@code test}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
