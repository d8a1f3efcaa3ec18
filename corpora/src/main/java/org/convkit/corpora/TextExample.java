package org.convkit.corpora;

import java.util.Objects;

/**
 * One labelled piece of text (a sentence, question, subject line or document).
 *
 * @param text  the text as stored in the corpus, never empty
 * @param label the class label, never empty
 * @param split the partition the text belongs to
 */
public record TextExample(String text, String label, Split split) {

    /** Rejects null components, empty text and an empty label. */
    public TextExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(split, "split");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty text");
        }
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty label");
        }
    }
}
