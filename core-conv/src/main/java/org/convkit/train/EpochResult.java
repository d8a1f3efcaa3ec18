package org.convkit.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch              1-based epoch number
 * @param trainLoss          mean training loss over the epoch's batches, weighted by batch size
 *                           (computed in training mode, with dropout, as the weights changed)
 * @param trainAccuracy      fraction of training examples classified correctly during the epoch
 * @param validationLoss     mean validation loss in inference mode; NaN when not evaluated
 * @param validationAccuracy validation accuracy in [0, 1]; NaN when not evaluated
 * @param learningRate       the learning rate of the epoch's last step
 * @param seconds            wall-clock time of the epoch, validation included
 * @param examplesPerSecond  training examples per second of training time (validation excluded)
 * @param best               whether this epoch's validation metric is the best so far
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double learningRate, double seconds, double examplesPerSecond,
                          boolean best) {

    /** Whether validation was evaluated this epoch. */
    public boolean evaluated() {
        return !Double.isNaN(validationAccuracy);
    }
}
