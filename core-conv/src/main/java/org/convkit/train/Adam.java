package org.convkit.train;

/**
 * Adam (Kingma and Ba 2015) following {@code torch.optim.Adam}: with {@code g' = g + wd*w},
 * {@code m = b1*m + (1-b1)*g'}, {@code v = b2*v + (1-b2)*g'^2} and, at step {@code t},
 * {@code w -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. Slots: {@code exp_avg},
 * {@code exp_avg_sq}.
 *
 * <p>The step number {@code t} is the optimiser's step count (PyTorch counts per parameter; the
 * two agree when every parameter is stepped on every call, as {@link Trainer} does).
 * {@link AdamW} is the variant with decoupled weight decay.
 */
public sealed class Adam extends SlotOptimizer permits AdamW {
    private final AdamSettings settings;

    /**
     * A new Adam optimiser with no state.
     *
     * @throws IllegalArgumentException if the settings ask for decoupled weight decay (use {@link AdamW})
     */
    public Adam(AdamSettings settings) {
        this(settings, false);
    }

    Adam(AdamSettings settings, boolean decoupled) {
        super(decoupled ? "AdamW" : "Adam", settings.learningRate(), "exp_avg", "exp_avg_sq");
        if (settings.decoupledWeightDecay() != decoupled) {
            throw new IllegalArgumentException(decoupled
                    ? "AdamW needs settings with decoupledWeightDecay = true (AdamSettings.adamW)"
                    : "Adam needs settings with decoupledWeightDecay = false; use AdamW for decoupled weight decay");
        }
        this.settings = settings;
    }

    @Override
    public AdamSettings settings() {
        return settings;
    }

    @Override
    final void update(float[] w, float[] g, int from, int to, float[][] slots, boolean fresh, long t, double lr) {
        double b1 = settings.beta1(), b2 = settings.beta2(), eps = settings.eps(), wd = settings.weightDecay();
        boolean decoupled = settings.decoupledWeightDecay();
        double stepSize = lr / (1 - Math.pow(b1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        // AdamW (Loshchilov and Hutter 2019, Algorithm 2 as PyTorch writes it): shrink w before the Adam step
        float shrink = (float) (1 - lr * wd);
        float[] m = slots[0], v = slots[1];
        for (int i = from; i < to; i++) {
            double gi = g[i];
            if (decoupled) {
                if (wd != 0) w[i] *= shrink;
            } else if (wd != 0) {
                gi += wd * w[i];
            }
            float mi = (float) (b1 * m[i] + (1 - b1) * gi);
            float vi = (float) (b2 * v[i] + (1 - b2) * gi * gi);
            m[i] = mi;
            v[i] = vi;
            w[i] = (float) (w[i] - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
        }
    }
}
