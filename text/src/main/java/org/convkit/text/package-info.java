/**
 * Sentence classification with convolutional networks over word vectors (Kim 2014): the shared
 * contracts ({@link org.convkit.text.TextClassifier}, {@link org.convkit.text.LabeledTokens},
 * {@link org.convkit.text.Prediction}); preprocessing with Apache OpenNLP in
 * {@code org.convkit.text.preprocess}; vocabularies and id encoding in {@code org.convkit.text.vocab};
 * bag-of-words baselines in {@code org.convkit.text.baseline}; model-independent evaluation in
 * {@code org.convkit.text.eval}.
 */
package org.convkit.text;
