/**
 * Word vocabularies built from training tokens ({@link org.convkit.text.vocab.Vocabulary}) and the
 * encoding of token sequences to padded id sequences for convolution
 * ({@link org.convkit.text.vocab.SequenceEncoding}).
 */
package org.convkit.text.vocab;
