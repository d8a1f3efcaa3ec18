package org.convkit.train;

/**
 * Model selection on the validation set (Prechelt 1998; Keras' {@code EarlyStopping} rules).
 * After each validation evaluation the monitored metric is compared with the best so far: it
 * improves when accuracy rises above {@code best + minDelta}, or loss falls below
 * {@code best - minDelta}. Training stops after {@code patience} evaluations in a row without
 * improvement (never, when {@code patience} is 0), and with {@code restoreBest} the parameters of
 * the best evaluation are put back at the end of training.
 *
 * @param monitor     the metric compared
 * @param patience    evaluations without improvement before stopping; 0 to never stop early
 * @param minDelta    the least change that counts as an improvement ({@code >= 0})
 * @param restoreBest whether to end training with the best evaluation's parameters
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) {

    /** The validation metric early stopping watches. */
    public enum Monitor {
        /** Validation accuracy; higher is better. */
        VALIDATION_ACCURACY,
        /** Validation loss; lower is better. */
        VALIDATION_LOSS
    }

    /**
     * Checks the settings; a null monitor becomes validation accuracy.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public EarlyStopping {
        if (monitor == null) monitor = Monitor.VALIDATION_ACCURACY;
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
    }

    /** Never stop early, but keep the parameters of the best validation accuracy (Kim 2014's dev-set selection). */
    public static EarlyStopping keepBestAccuracy() {
        return new EarlyStopping(Monitor.VALIDATION_ACCURACY, 0, 0, true);
    }

    /** Neither stop early nor restore: the parameters of the last epoch are kept. */
    public static EarlyStopping none() {
        return new EarlyStopping(Monitor.VALIDATION_ACCURACY, 0, 0, false);
    }

    /** Stop after {@code patience} evaluations without improvement of {@code monitor}, restoring the best parameters. */
    public static EarlyStopping of(Monitor monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0, true);
    }

    /** Whether {@code value} improves on {@code best} (NaN {@code best} means no evaluation yet). */
    boolean improves(double value, double best) {
        if (Double.isNaN(best)) return true;
        return monitor == Monitor.VALIDATION_ACCURACY ? value > best + minDelta : value < best - minDelta;
    }
}
