/**
 * The experiment comparing the four Kim CNN variants with the bag-of-words baselines on the real
 * datasets {@code corpora} fetches ({@link org.convkit.text.experiment.TextExperiments}), and its
 * Markdown/JSON report.
 */
package org.convkit.text.experiment;
