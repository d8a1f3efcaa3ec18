package org.convkit.train;

import org.convkit.nn.BinaryCrossEntropy;
import org.convkit.nn.Loss;
import org.convkit.nn.Model;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;

/**
 * How a classification loss reads a model's output: the targets it needs from class labels,
 * the predicted class, and class probabilities. Softmax cross-entropy needs {@code K} logits for
 * {@code K} classes; binary cross-entropy takes one logit for two classes (the logit of class 1)
 * or {@code K} independent logits scored against one-hot targets.
 */
final class Objective {
    private final Loss loss;
    private final int outputSize;
    private final int numClasses;
    private final boolean softmax;
    private final boolean singleLogit;
    private final BatchBuffer targets;
    private final BatchBuffer grads;

    Objective(Loss loss, Model model, Dataset data, String role) {
        this.loss = loss;
        if (model.spec().inputs().size() != 1) {
            throw new IllegalArgumentException("model '" + model.spec().name() + "' takes " + model.spec().inputs().size()
                    + " inputs; training on a Dataset needs a model with one input");
        }
        Shape want = model.spec().inputs().get(0).shape();
        if (!want.equals(data.inputShape())) {
            throw new IllegalArgumentException(role + " data has examples of shape " + data.inputShape() + " but model '"
                    + model.spec().name() + "' expects " + want);
        }
        Shape out = model.outputShape();
        this.outputSize = out.size();
        this.numClasses = data.numClasses();
        this.softmax = switch (loss) {
            case SoftmaxCrossEntropy s -> true;
            case BinaryCrossEntropy b -> false;
        };
        boolean fits = softmax ? outputSize == numClasses : outputSize == numClasses || (outputSize == 1 && numClasses == 2);
        if (!fits) {
            throw new IllegalArgumentException(role + " data has " + numClasses + " classes but model '" + model.spec().name()
                    + "' outputs " + out + " values; " + (softmax
                    ? "softmax cross-entropy needs one logit per class"
                    : "binary cross-entropy needs one logit for 2 classes or one logit per class"));
        }
        this.singleLogit = !softmax && outputSize == 1;
        this.targets = softmax ? null : new BatchBuffer(Shape.of(outputSize));
        this.grads = new BatchBuffer(out);
    }

    /** Per-example number of logits. */
    int outputSize() {
        return outputSize;
    }

    /**
     * The mean loss of a batch, writing dL/d(output) into a reused buffer returned by {@link #lastGradient()}.
     */
    double compute(Tensor output, Tensor labels) {
        int n = output.dim(0);
        Tensor t = labels;
        if (!softmax) {
            t = targets.view(n);
            float[] dst = t.data(), lab = labels.data();
            if (singleLogit) {
                System.arraycopy(lab, 0, dst, 0, n);
            } else {
                java.util.Arrays.fill(dst, 0, n * outputSize, 0f);
                for (int i = 0; i < n; i++) dst[i * outputSize + (int) lab[i]] = 1f;
            }
        }
        return loss.compute(output, t, grads.view(n));
    }

    /** The gradient written by the last {@link #compute}. */
    Tensor lastGradient() {
        return grads.current();
    }

    /** The predicted class of the example whose logits start at {@code offset}. */
    int predict(float[] out, int offset) {
        if (singleLogit) return out[offset] > 0 ? 1 : 0;
        int best = 0;
        float max = out[offset];
        for (int c = 1; c < outputSize; c++) {
            if (out[offset + c] > max) {
                max = out[offset + c];
                best = c;
            }
        }
        return best;
    }

    /** Number of examples in {@code output} whose predicted class equals the label. */
    int countCorrect(Tensor output, Tensor labels) {
        float[] out = output.data(), lab = labels.data();
        int n = output.dim(0), correct = 0;
        for (int i = 0; i < n; i++) if (predict(out, i * outputSize) == (int) lab[i]) correct++;
        return correct;
    }

    /**
     * Writes the {@code numClasses} class probabilities of the example whose logits start at
     * {@code offset}: softmax for softmax cross-entropy; {@code [1-s, s]} with {@code s} the
     * sigmoid for a single binary logit; per-class sigmoids otherwise.
     */
    void probabilities(float[] out, int offset, float[] dst, int dOffset) {
        if (softmax) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < outputSize; c++) max = Math.max(max, out[offset + c]);
            double sum = 0;
            for (int c = 0; c < outputSize; c++) sum += Math.exp(out[offset + c] - max);
            for (int c = 0; c < outputSize; c++) dst[dOffset + c] = (float) (Math.exp(out[offset + c] - max) / sum);
        } else if (singleLogit) {
            double s = sigmoid(out[offset]);
            dst[dOffset] = (float) (1 - s);
            dst[dOffset + 1] = (float) s;
        } else {
            for (int c = 0; c < outputSize; c++) dst[dOffset + c] = (float) sigmoid(out[offset + c]);
        }
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
