package org.convkit.train;

import org.convkit.nn.Loss;
import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;

/** Runs a model over a data set in inference mode, batch by batch, reusing its buffers between runs. */
final class Evaluator {
    private final Model model;
    private final Dataset data;
    private final MiniBatches batches;
    private final Objective objective;
    private double loss;
    private double accuracy;

    Evaluator(Model model, Loss loss, Dataset data, int batchSize, String role) {
        this.model = model;
        this.data = data;
        this.objective = new Objective(loss, model, data, role);
        this.batches = new MiniBatches(data, batchSize, false, 0);
    }

    /** Mean loss of the last run. */
    double loss() {
        return loss;
    }

    /** Accuracy of the last run. */
    double accuracy() {
        return accuracy;
    }

    /** Computes loss and accuracy; with {@code full}, also returns per-example predictions and probabilities. */
    Evaluation run(boolean full) {
        int n = data.size(), k = data.numClasses(), size = objective.outputSize();
        int[] labels = full ? new int[n] : null;
        int[] predictions = full ? new int[n] : null;
        float[] probabilities = full ? new float[Math.multiplyExact(n, k)] : null;
        double lossSum = 0;
        long correct = 0;
        batches.startEpoch(0);
        int seen = 0;
        while (batches.next()) {
            int b = batches.size();
            Tensor out = model.forward(false, batches.inputs());
            double l = objective.compute(out, batches.labels());
            if (!Double.isFinite(l)) {
                throw new IllegalStateException("loss is " + l + " on examples " + seen + ".." + (seen + b - 1)
                        + " in evaluation; the model's parameters or outputs are not finite");
            }
            lossSum += l * b;
            correct += objective.countCorrect(out, batches.labels());
            if (full) {
                float[] o = out.data(), lab = batches.labels().data();
                for (int i = 0; i < b; i++) {
                    labels[seen + i] = (int) lab[i];
                    predictions[seen + i] = objective.predict(o, i * size);
                    objective.probabilities(o, i * size, probabilities, (seen + i) * k);
                }
            }
            seen += b;
        }
        loss = lossSum / n;
        accuracy = (double) correct / n;
        return full ? new Evaluation(loss, accuracy, labels, predictions, probabilities, data.labels()) : null;
    }
}
