/**
 * Sentence classification with convolutional networks over word vectors (Kim 2014): the shared
 * contracts ({@link org.convkit.text.TextClassifier}, {@link org.convkit.text.LabeledTokens},
 * {@link org.convkit.text.Prediction}) and the train / eval / predict operations of the command
 * line ({@link org.convkit.text.TextWorkflows}); preprocessing with Apache OpenNLP in
 * {@code org.convkit.text.preprocess}; vocabularies and id encoding in {@code org.convkit.text.vocab};
 * reading labelled text files in {@code org.convkit.text.data}; the Kim CNN, its training and the
 * trained classifier in {@code org.convkit.text.cnn}; an OpenNLP {@code DocumentCategorizer} adapter
 * in {@code org.convkit.text.opennlp}; bag-of-words baselines in {@code org.convkit.text.baseline};
 * model-independent evaluation and cross-validation in {@code org.convkit.text.eval}; and the
 * experiments on real data in {@code org.convkit.text.experiment}.
 */
package org.convkit.text;
