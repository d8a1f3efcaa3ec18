/**
 * The synthetic keyword corpus: words spoken by espeak-ng and flite across their voices, variants,
 * speeds and pitches, shaped to one-second 16 kHz clips and written in the Speech Commands layout.
 * {@link org.convkit.corpora.synth.SyntheticKeywordCorpus} builds it from a
 * {@link org.convkit.corpora.synth.SyntheticCorpusSettings}.
 */
package org.convkit.corpora.synth;
