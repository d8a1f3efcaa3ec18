package org.convkit.train;

import java.util.List;
import java.util.Optional;

/**
 * The record of a training run.
 *
 * @param epochs     one result per completed epoch, in order
 * @param bestEpoch  1-based number of the epoch with the best validation metric in this run; 0 without
 *                   validation
 * @param stopReason why training ended
 * @param seconds    wall-clock time of the whole run
 */
public record TrainingHistory(List<EpochResult> epochs, int bestEpoch, StopReason stopReason, double seconds) {

    /** Why a training run ended. */
    public enum StopReason {
        /** All configured epochs ran. */
        COMPLETED,
        /** The validation metric stopped improving for {@link EarlyStopping#patience()} evaluations. */
        EARLY_STOPPING,
        /** {@link Trainer#requestStop()} was called (e.g. on Ctrl-C); an unfinished epoch is not recorded. */
        STOP_REQUESTED
    }

    /** Copies the epoch list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The best epoch's result, if validation was evaluated. */
    public Optional<EpochResult> best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst();
    }

    /** Training loss per epoch. */
    public double[] trainLosses() {
        return epochs.stream().mapToDouble(EpochResult::trainLoss).toArray();
    }

    /** Validation accuracy per epoch (NaN where not evaluated). */
    public double[] validationAccuracies() {
        return epochs.stream().mapToDouble(EpochResult::validationAccuracy).toArray();
    }

    /** Validation loss per epoch (NaN where not evaluated). */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochResult::validationLoss).toArray();
    }
}
