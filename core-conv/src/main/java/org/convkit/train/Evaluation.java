package org.convkit.train;

import java.util.List;

/**
 * The result of running a model over a data set in inference mode.
 *
 * @param loss          mean loss, the batch means weighted by batch size (the per-example mean
 *                      for losses without class weights)
 * @param accuracy      fraction of examples whose predicted class equals the label, in [0, 1]
 * @param labels        the true class of each example, in data set order
 * @param predictions   the predicted class of each example (arg-max of the logits; for a single
 *                      binary logit, 1 when it is positive)
 * @param probabilities {@code size x numClasses} class probabilities, row-major (softmax, or
 *                      sigmoid for binary cross-entropy)
 * @param classNames    the class names, indexed by class
 */
public record Evaluation(double loss, double accuracy, int[] labels, int[] predictions, float[] probabilities,
                         List<String> classNames) {

    /**
     * Checks that the arrays agree in length.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public Evaluation {
        if (labels.length != predictions.length || probabilities.length != (long) labels.length * classNames.size()) {
            throw new IllegalArgumentException("evaluation arrays do not match: " + labels.length + " labels, "
                    + predictions.length + " predictions, " + probabilities.length + " probabilities for "
                    + classNames.size() + " classes");
        }
        classNames = List.copyOf(classNames);
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** The probability the model gives class {@code c} for example {@code i}. */
    public float probability(int i, int c) {
        return probabilities[i * classNames.size() + c];
    }

    /** Counts {@code [true class][predicted class]} over all examples. */
    public long[][] confusionMatrix() {
        int k = classNames.size();
        long[][] m = new long[k][k];
        for (int i = 0; i < labels.length; i++) m[labels[i]][predictions[i]]++;
        return m;
    }
}
