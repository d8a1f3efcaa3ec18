/**
 * Text to tokens: {@link org.convkit.text.preprocess.TextPreprocessor} settings (sentence
 * splitting, OpenNLP tokenizer, Kim (2014) normalisation, lower-casing) and the thread-safe
 * {@link org.convkit.text.preprocess.TextPreprocessorRuntime} that applies them.
 */
package org.convkit.text.preprocess;
