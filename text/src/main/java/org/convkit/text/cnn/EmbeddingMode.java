package org.convkit.text.cnn;

import java.util.Locale;

/**
 * How the word vectors of a {@link KimCnn} are initialised and trained: the four variants of
 * Kim (2014), section 3.1.
 */
public enum EmbeddingMode {
    /** CNN-rand: every word vector drawn at random and trained with the network. */
    RAND("rand"),
    /** CNN-static: pretrained vectors, kept fixed; words without one are random and also fixed. */
    STATIC("static"),
    /** CNN-non-static: pretrained vectors, fine-tuned with the network. */
    NON_STATIC("nonstatic"),
    /**
     * CNN-multichannel: two channels, both initialised from the pretrained vectors; one is kept
     * fixed, the other fine-tuned. Every filter is applied to both channels and the results added.
     */
    MULTICHANNEL("multichannel");

    private final String cliName;

    EmbeddingMode(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name used on the command line and in reports.
     *
     * @return {@code rand}, {@code static}, {@code nonstatic} or {@code multichannel}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Whether this mode needs pretrained word vectors.
     *
     * @return false only for {@link #RAND}
     */
    public boolean usesPretrained() {
        return this != RAND;
    }

    /**
     * The label used in Kim's table, e.g. {@code CNN-non-static}.
     *
     * @return the display name
     */
    public String displayName() {
        return switch (this) {
            case RAND -> "CNN-rand";
            case STATIC -> "CNN-static";
            case NON_STATIC -> "CNN-non-static";
            case MULTICHANNEL -> "CNN-multichannel";
        };
    }

    /**
     * Parses a command-line name, case-insensitively; {@code non-static} and {@code non_static}
     * are accepted for {@link #NON_STATIC}.
     *
     * @param name the name
     * @return the mode
     * @throws IllegalArgumentException naming the accepted names
     */
    public static EmbeddingMode parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (EmbeddingMode mode : values()) {
            if (mode.cliName.equals(n)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown embedding mode '" + name
            + "', expected one of rand, static, nonstatic, multichannel");
    }
}
