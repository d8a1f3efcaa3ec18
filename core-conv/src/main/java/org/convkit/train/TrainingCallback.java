package org.convkit.train;

/**
 * Hooks a {@link Trainer} calls during {@link Trainer#fit}, on the training thread. Every method
 * does nothing by default. Epoch and step numbers are 1-based.
 */
public interface TrainingCallback {

    /** Before the first epoch. */
    default void onTrainStart(TrainerSettings settings, int trainExamples, int validationExamples) {
    }

    /**
     * After each optimiser step.
     *
     * @param epoch             1-based epoch
     * @param step              1-based batch number within the epoch
     * @param stepsPerEpoch     batches per epoch
     * @param loss              this batch's mean loss
     * @param examplesPerSecond training throughput of the epoch so far
     */
    default void onBatchEnd(int epoch, int step, int stepsPerEpoch, double loss, double examplesPerSecond) {
    }

    /** After each completed epoch and its validation. */
    default void onEpochEnd(EpochResult result) {
    }

    /** After training, once the best parameters are restored. */
    default void onTrainEnd(TrainingHistory history) {
    }
}
