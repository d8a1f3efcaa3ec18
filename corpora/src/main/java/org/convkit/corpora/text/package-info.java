/**
 * Readers for the text classification formats: delimited files ({@link org.convkit.corpora.text.DelimitedTextFormat}),
 * fastText ({@link org.convkit.corpora.text.FastTextFormat}), GLUE's SST-2 ({@link org.convkit.corpora.text.Sst2Format}),
 * TREC questions ({@link org.convkit.corpora.text.TrecFormat}), one-sentence-per-line sets such as MR, Subj, CR and
 * MPQA with k-fold cross-validation ({@link org.convkit.corpora.text.SentenceLinesCorpus}), and Weka ARFF
 * ({@link org.convkit.corpora.text.ArffFile}, {@link org.convkit.corpora.text.ArffTextFormat}).
 * Every reader streams and reports a malformed line with its file and number.
 */
package org.convkit.corpora.text;
