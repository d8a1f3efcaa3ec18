package org.convkit.text.vocab;

/**
 * How a {@link Vocabulary} is cut from training token counts.
 *
 * @param minCount minimum number of training occurrences a word needs to get its own id
 *                 (default 1; Kim (2014) kept every word of the training data)
 * @param maxSize  maximum number of entries, counting the two reserved entries (padding and
 *                 unknown); the most frequent words are kept. {@link Integer#MAX_VALUE} means no
 *                 limit (the default)
 */
public record VocabularyOptions(int minCount, int maxSize) {

    /** Validates the limits. */
    public VocabularyOptions {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        if (maxSize < Vocabulary.RESERVED_ENTRIES) {
            throw new IllegalArgumentException("maxSize must be at least " + Vocabulary.RESERVED_ENTRIES
                + " (padding and unknown are always present), got " + maxSize);
        }
    }

    /**
     * Keeps every word seen at least once, without size limit.
     *
     * @return {@code minCount = 1, maxSize = Integer.MAX_VALUE}
     */
    public static VocabularyOptions defaults() {
        return new VocabularyOptions(1, Integer.MAX_VALUE);
    }
}
