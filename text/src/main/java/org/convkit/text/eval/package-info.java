/**
 * Model-independent classification metrics: accuracy, macro-F1, per-class precision, recall, F1
 * and support, and the confusion matrix ({@link org.convkit.text.eval.ClassificationMetrics}).
 */
package org.convkit.text.eval;
