/**
 * Pretrained word vectors in the three common distributions: GloVe text, word2vec binary (the
 * GoogleNews format) and fastText {@code .vec}. {@link org.convkit.corpora.vectors.WordVectorReader}
 * streams a file and keeps only the requested vocabulary; {@link org.convkit.corpora.vectors.WordVectors}
 * holds the result and its coverage.
 */
package org.convkit.corpora.vectors;
