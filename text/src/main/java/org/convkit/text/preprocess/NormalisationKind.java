package org.convkit.text.preprocess;

/**
 * Light string normalisation applied to every token after tokenization (and before optional
 * lower-casing).
 */
public enum NormalisationKind {
    /** Tokens are left as the tokenizer produced them. */
    NONE,
    /**
     * The {@code clean_str} rules of Kim (2014)'s reference preprocessing: every character except
     * ASCII letters, digits and {@code ( ) , ! ? ' `} becomes a space; the clitics {@code 's 've n't
     * 're 'd 'll} are split off; {@code , ! ( ) ?} are padded with spaces; whitespace is collapsed.
     * A token may therefore become several tokens, or none.
     */
    KIM,
    /**
     * Kim's {@code clean_str_sst} variant used for the Stanford Sentiment Treebank, whose text is
     * already tokenized: only the character filter and whitespace collapse of {@link #KIM}.
     */
    KIM_SST
}
