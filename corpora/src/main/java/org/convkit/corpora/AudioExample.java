package org.convkit.corpora;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled audio clip of a corpus.
 *
 * @param path    the WAV file
 * @param label   the class label (for Speech Commands tasks possibly {@code _unknown_} or {@code _silence_})
 * @param speaker an identifier of the speaker (Speech Commands: the part of the file name before
 *                {@code _nohash_}; for {@code _silence_} examples {@code _background_noise_}); never null,
 *                empty when the corpus does not say
 * @param split   the partition the clip belongs to
 */
public record AudioExample(Path path, String label, String speaker, Split split) {

    /** Rejects null components and an empty label. */
    public AudioExample {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(split, "split");
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty label for " + path);
        }
    }
}
