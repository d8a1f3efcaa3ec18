package org.convkit.text.preprocess;

import java.util.Objects;

/**
 * Settings that say how raw text becomes tokens: optional sentence splitting, a tokenizer, a
 * normalisation and optional lower-casing, applied in that order. Immutable and serialisable
 * with Jackson (a plain record of enums and booleans) so that a trained model can store the exact
 * preprocessing it was trained with. The computation lives in {@link TextPreprocessorRuntime}.
 *
 * @param tokenizer      which OpenNLP tokenizer splits each sentence into tokens
 * @param lowercase      whether tokens are lower-cased (with {@link java.util.Locale#ROOT}) after
 *                       normalisation, as Kim's {@code clean_str} does last
 * @param normalisation  the string normalisation applied to each token
 * @param splitSentences whether the text is first split into sentences with OpenNLP's
 *                       {@code SentenceDetectorME} (English UD model) and each sentence tokenized
 *                       separately; needed for tokenizers that rely on sentence boundaries
 */
public record TextPreprocessor(TokenizerKind tokenizer, boolean lowercase,
                               NormalisationKind normalisation, boolean splitSentences) {

    /** Validates that the enum settings are present. */
    public TextPreprocessor {
        Objects.requireNonNull(tokenizer, "tokenizer must not be null");
        Objects.requireNonNull(normalisation, "normalisation must not be null");
    }

    /**
     * Kim (2014)'s preprocessing for one sentence per line (MR, Subj, CR, MPQA): whitespace
     * tokenization, {@link NormalisationKind#KIM}, lower-case, no sentence splitting. (For TREC
     * Kim kept case: use {@code new TextPreprocessor(WHITESPACE, false, KIM, false)}.)
     *
     * @return the settings
     */
    public static TextPreprocessor kim() {
        return new TextPreprocessor(TokenizerKind.WHITESPACE, true, NormalisationKind.KIM, false);
    }

    /**
     * Kim (2014)'s preprocessing for the Stanford Sentiment Treebank: whitespace tokenization,
     * {@link NormalisationKind#KIM_SST}, lower-case, no sentence splitting.
     *
     * @return the settings
     */
    public static TextPreprocessor kimSst() {
        return new TextPreprocessor(TokenizerKind.WHITESPACE, true, NormalisationKind.KIM_SST, false);
    }

    /**
     * Preprocessing for raw English text: sentence splitting and the OpenNLP English UD tokenizer,
     * then {@link NormalisationKind#KIM} and lower-casing so that the vocabulary matches Kim's.
     *
     * @return the settings
     */
    public static TextPreprocessor englishRawText() {
        return new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, true, NormalisationKind.KIM, true);
    }
}
