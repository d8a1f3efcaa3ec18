package org.convkit.text.vocab;

import java.util.Objects;

/**
 * How a token sequence becomes a sequence of ids: optional truncation, then padding.
 *
 * @param padding   where padding goes
 * @param minLength for {@link PaddingMode#END_TO_MIN_LENGTH} the minimum encoded length; for
 *                  {@link PaddingMode#SYMMETRIC} the widest filter height h, giving h - 1 padding
 *                  ids on each side. At least 1
 * @param maxTokens maximum number of tokens kept (later tokens are dropped) before padding is
 *                  added; 0 means no limit
 */
public record SequenceEncoding(PaddingMode padding, int minLength, int maxTokens) {

    /** Validates the settings. */
    public SequenceEncoding {
        Objects.requireNonNull(padding, "padding must not be null");
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1, got " + minLength);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be 0 (no limit) or positive, got " + maxTokens);
        }
    }

    /**
     * Number of ids a sentence of {@code tokenCount} tokens encodes to.
     *
     * @param tokenCount number of tokens, at least 0
     * @return {@code max(n, minLength)} for end padding, {@code n + 2 (minLength - 1)} for
     *         symmetric padding, where {@code n} is the token count after truncation
     */
    public int encodedLength(int tokenCount) {
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount must not be negative, got " + tokenCount);
        }
        int kept = keptTokens(tokenCount);
        return switch (padding) {
            case END_TO_MIN_LENGTH -> Math.max(kept, minLength);
            case SYMMETRIC -> kept + 2 * (minLength - 1);
        };
    }

    /** Number of tokens that survive truncation. */
    int keptTokens(int tokenCount) {
        return maxTokens == 0 ? tokenCount : Math.min(tokenCount, maxTokens);
    }

    /** Number of padding ids written before the first token. */
    int leadingPadding() {
        return padding == PaddingMode.SYMMETRIC ? minLength - 1 : 0;
    }
}
