package org.convkit.text.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.convkit.corpora.TextExample;
import org.convkit.text.LabeledTokens;
import org.convkit.text.preprocess.TextPreprocessorRuntime;

/** Turns corpus examples (raw text and label) into preprocessed {@link LabeledTokens}. */
public final class LabeledTexts {

    private LabeledTexts() {
    }

    /**
     * Tokenizes every example's text with the preprocessor, keeping its label and order.
     *
     * @param examples     corpus examples
     * @param preprocessor the preprocessing the model uses
     * @return one {@link LabeledTokens} per example (tokens may be empty when normalisation removes
     *         everything)
     */
    public static List<LabeledTokens> tokenize(List<TextExample> examples, TextPreprocessorRuntime preprocessor) {
        Objects.requireNonNull(examples, "examples must not be null");
        Objects.requireNonNull(preprocessor, "preprocessor must not be null");
        List<LabeledTokens> out = new ArrayList<>(examples.size());
        for (TextExample e : examples) {
            out.add(new LabeledTokens(preprocessor.tokenize(e.text()), e.label()));
        }
        return out;
    }
}
