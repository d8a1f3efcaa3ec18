package org.convkit.text.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.TextClassifier;

/**
 * Computes a {@link ClassificationReport} from gold and predicted label indices. Independent of
 * any model: the same helper scores the baselines and the CNN.
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /**
     * Scores predictions against gold labels.
     *
     * @param gold      gold label index of each example, in {@code [0, labels.size())}
     * @param predicted predicted label index of each example, same length as {@code gold}
     * @param labels    label names in index order; distinct
     * @return accuracy, macro-F1, per-class scores and the confusion matrix
     * @throws IllegalArgumentException if there are no examples, the lengths differ, an index is out
     *                                  of range (naming the example and array), or labels repeat
     */
    public static ClassificationReport evaluate(int[] gold, int[] predicted, List<String> labels) {
        Objects.requireNonNull(gold, "gold must not be null");
        Objects.requireNonNull(predicted, "predicted must not be null");
        List<String> names = checkedLabels(labels);
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold has " + gold.length + " examples but predicted has "
                + predicted.length);
        }
        if (gold.length == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        int k = names.size();
        int[][] confusion = new int[k][k];
        for (int i = 0; i < gold.length; i++) {
            checkIndex(gold[i], k, "gold", i);
            checkIndex(predicted[i], k, "predicted", i);
            confusion[gold[i]][predicted[i]]++;
        }

        long correct = 0;
        Map<String, ClassScores> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int truePositives = confusion[c][c];
            correct += truePositives;
            int support = 0;
            int predictedCount = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedCount += confusion[j][c];
            }
            double precision = predictedCount == 0 ? 0.0 : (double) truePositives / predictedCount;
            double recall = support == 0 ? 0.0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            perClass.put(names.get(c), new ClassScores(precision, recall, f1, support));
            f1Sum += f1;
        }
        return new ClassificationReport((double) correct / gold.length, f1Sum / k,
            Collections.unmodifiableMap(perClass), confusion, names);
    }

    /**
     * Runs a classifier over labelled examples and scores it, with the classifier's label order.
     *
     * @param classifier a trained classifier
     * @param examples   test examples whose gold labels are among {@code classifier.labels()}
     * @return the report
     * @throws IllegalArgumentException if an example's gold label is unknown to the classifier,
     *                                  naming the example index and the label
     */
    public static ClassificationReport evaluate(TextClassifier classifier, List<LabeledTokens> examples) {
        Objects.requireNonNull(classifier, "classifier must not be null");
        Objects.requireNonNull(examples, "examples must not be null");
        List<String> labels = classifier.labels();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] gold = new int[examples.size()];
        int[] predicted = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            LabeledTokens example = Objects.requireNonNull(examples.get(i), "examples[" + i + "] is null");
            Integer g = index.get(example.label());
            if (g == null) {
                throw new IllegalArgumentException("example " + i + " has label \"" + example.label()
                    + "\" which the classifier does not know; expected one of " + labels);
            }
            gold[i] = g;
            Prediction prediction = classifier.predict(example.tokens());
            predicted[i] = prediction.labelIndex();
        }
        return evaluate(gold, predicted, labels);
    }

    private static List<String> checkedLabels(List<String> labels) {
        Objects.requireNonNull(labels, "labels must not be null");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null) {
                throw new IllegalArgumentException("labels[" + i + "] is null");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label \"" + label + "\" appears twice in labels");
            }
        }
        return List.copyOf(new ArrayList<>(labels));
    }

    private static void checkIndex(int index, int k, String array, int example) {
        if (index < 0 || index >= k) {
            throw new IllegalArgumentException(array + "[" + example + "] = " + index
                + " is not a label index in [0, " + k + ")");
        }
    }
}
