/**
 * Apache OpenNLP integration: {@link org.convkit.text.opennlp.ConvkitDocumentCategorizer}, a
 * thread-safe {@code opennlp.tools.doccat.DocumentCategorizer} over a trained convkit model.
 */
package org.convkit.text.opennlp;
