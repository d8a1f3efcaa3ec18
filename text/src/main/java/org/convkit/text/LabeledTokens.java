package org.convkit.text;

import java.util.Objects;

/**
 * One training or test example: a sentence (or document) as tokens, and its gold label.
 *
 * @param tokens the tokens, already preprocessed; may be empty, must not contain null
 * @param label  the gold label; not blank
 */
public record LabeledTokens(String[] tokens, String label) {

    /** Validates the example. */
    public LabeledTokens {
        Objects.requireNonNull(tokens, "tokens must not be null");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must be a non-blank string, got "
                + (label == null ? "null" : "\"" + label + "\""));
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == null) {
                throw new IllegalArgumentException("tokens[" + i + "] is null in example labelled \""
                    + label + "\"");
            }
        }
    }
}
