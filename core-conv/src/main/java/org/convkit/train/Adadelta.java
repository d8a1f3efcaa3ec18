package org.convkit.train;

/**
 * Adadelta (Zeiler 2012) following {@code torch.optim.Adadelta}: with {@code g' = g + wd*w},
 * {@code s = rho*s + (1-rho)*g'^2}, {@code d = sqrt(a + eps)/sqrt(s + eps) * g'},
 * {@code a = rho*a + (1-rho)*d^2} and {@code w -= lr*d}. Slots: {@code square_avg},
 * {@code acc_delta}.
 */
public final class Adadelta extends SlotOptimizer {
    private final AdadeltaSettings settings;

    /** A new optimiser with no state. */
    public Adadelta(AdadeltaSettings settings) {
        super("Adadelta", settings.learningRate(), "square_avg", "acc_delta");
        this.settings = settings;
    }

    @Override
    public AdadeltaSettings settings() {
        return settings;
    }

    @Override
    void update(float[] w, float[] g, int n, float[][] slots, boolean fresh, long t, double lr) {
        double rho = settings.rho(), eps = settings.eps(), wd = settings.weightDecay();
        float[] sq = slots[0], acc = slots[1];
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            if (wd != 0) gi += wd * w[i];
            float s = (float) (rho * sq[i] + (1 - rho) * gi * gi);
            sq[i] = s;
            float d = (float) (Math.sqrt(acc[i] + eps) / Math.sqrt(s + eps) * gi);
            acc[i] = (float) (rho * acc[i] + (1 - rho) * (double) d * d);
            w[i] = (float) (w[i] - lr * d);
        }
    }
}
