package org.convkit.text.preprocess;

/**
 * Which Apache OpenNLP tokenizer turns a sentence into tokens.
 */
public enum TokenizerKind {
    /**
     * {@code TokenizerME} with the English Universal Dependencies (EWT treebank) tokenizer model
     * {@code opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin} from {@code opennlp-models-tokenizer-en 1.3.0}.
     * Splits punctuation from words ("butter!" becomes "butter", "!") but keeps contractions such
     * as "can't" whole; Kim normalisation splits those afterwards.
     */
    OPENNLP_EN_UD,
    /**
     * OpenNLP's rule-based {@code SimpleTokenizer}: a token is a maximal run of letters, of digits,
     * or of whitespace-free other characters, and every punctuation character stands alone
     * ("can't" becomes "can", "'", "t").
     */
    SIMPLE,
    /** OpenNLP's {@code WhitespaceTokenizer}: splits on whitespace only. */
    WHITESPACE
}
