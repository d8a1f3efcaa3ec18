/**
 * The datasets convkit trains and evaluates on, as plain records: {@link org.convkit.corpora.AudioExample}
 * (path, label, speaker, split) and {@link org.convkit.corpora.TextExample} (text, label, split).
 * Readers stream their examples and report malformed input with the file and line.
 *
 * <p>Sub-packages: {@code speech} (Speech Commands, folder-per-label corpora, manifests, WAV headers),
 * {@code text} (TSV/CSV, fastText, MR and the other one-sentence-per-line sets, SST-2, TREC, ARFF),
 * {@code vectors} (GloVe, word2vec and fastText word vectors), {@code synth} (the synthetic keyword
 * corpus spoken by espeak-ng and flite) and {@code fetch} (real datasets obtained through the
 * operating system's and npm's package clients). {@link org.convkit.corpora.CorporaMain} is the
 * command-line entry point.
 */
package org.convkit.corpora;
