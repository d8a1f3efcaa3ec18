package org.convkit.text.vocab;

/**
 * Where padding ids ({@link Vocabulary#PAD_ID}) go when a sentence is encoded.
 */
public enum PaddingMode {
    /**
     * Append padding at the end until the sentence is at least {@code minLength} ids long, so that
     * the widest filter fits at least once. Longer sentences get no padding.
     */
    END_TO_MIN_LENGTH,
    /**
     * Kim (2014)'s padding: {@code minLength - 1} padding ids before and after every sentence,
     * where {@code minLength} is the widest filter height h, so that every word is covered by every
     * position of every filter (a "wide" convolution).
     */
    SYMMETRIC
}
