/**
 * Reading labelled text files in the formats {@code org.convkit.corpora.text} supports
 * ({@link org.convkit.text.data.TextDataFormat}) and preprocessing them into token sequences
 * ({@link org.convkit.text.data.LabeledTexts}).
 */
package org.convkit.text.data;
