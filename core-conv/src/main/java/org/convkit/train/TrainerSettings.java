package org.convkit.train;

/**
 * The settings of a training run.
 *
 * @param epochs        maximum number of passes over the training data ({@code > 0})
 * @param batchSize     examples per mini-batch ({@code > 0}); the last batch of an epoch may be smaller
 * @param seed          fixes the order of the training examples in every epoch
 * @param clipping      gradient clipping; {@link GradientClipping#none()} if null
 * @param earlyStopping validation monitoring; {@link EarlyStopping#keepBestAccuracy()} if null
 * @param evaluateEvery evaluate on the validation data every this many epochs ({@code > 0}; the
 *                      last epoch is always evaluated); default 1
 */
public record TrainerSettings(int epochs, int batchSize, long seed, GradientClipping clipping,
                              EarlyStopping earlyStopping, int evaluateEvery) {

    /**
     * Checks the settings; null clipping or early stopping take their defaults.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public TrainerSettings {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        if (evaluateEvery <= 0) throw new IllegalArgumentException("evaluateEvery must be > 0, got " + evaluateEvery);
        if (clipping == null) clipping = GradientClipping.none();
        if (earlyStopping == null) earlyStopping = EarlyStopping.keepBestAccuracy();
    }

    /** {@code epochs} epochs of {@code batchSize}, no clipping, keeping the best validation accuracy, evaluating every epoch. */
    public static TrainerSettings of(int epochs, int batchSize, long seed) {
        return new TrainerSettings(epochs, batchSize, seed, GradientClipping.none(), EarlyStopping.keepBestAccuracy(), 1);
    }

    /** The same with gradient clipping {@code c}. */
    public TrainerSettings withClipping(GradientClipping c) {
        return new TrainerSettings(epochs, batchSize, seed, c, earlyStopping, evaluateEvery);
    }

    /** The same with early stopping {@code e}. */
    public TrainerSettings withEarlyStopping(EarlyStopping e) {
        return new TrainerSettings(epochs, batchSize, seed, clipping, e, evaluateEvery);
    }

    /** The same evaluating every {@code n} epochs. */
    public TrainerSettings withEvaluateEvery(int n) {
        return new TrainerSettings(epochs, batchSize, seed, clipping, earlyStopping, n);
    }

    /** The same with {@code n} epochs. */
    public TrainerSettings withEpochs(int n) {
        return new TrainerSettings(n, batchSize, seed, clipping, earlyStopping, evaluateEvery);
    }
}
