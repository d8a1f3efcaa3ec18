/**
 * Bag-of-words baselines to compare a CNN against on the same split: OpenNLP's maximum-entropy
 * document categorizer ({@link org.convkit.text.baseline.MaxentBaseline}) and Smile's L2-regularised
 * logistic regression ({@link org.convkit.text.baseline.LogisticRegressionBaseline}).
 */
package org.convkit.text.baseline;
