package org.convkit.train;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * following {@code torch.optim.SGD}: {@code g' = g + wd*w}; with momentum
 * {@code buf = m*buf + (1-dampening)*g'} (on the first step {@code buf = g'}), then
 * {@code d = g' + m*buf} (Nesterov) or {@code d = buf}; finally {@code w -= lr*d}.
 * Slot: {@code momentum_buffer}, only with momentum (plain SGD keeps no state).
 */
public final class Sgd extends SlotOptimizer {
    private final SgdSettings settings;

    /** A new optimiser with no state. */
    public Sgd(SgdSettings settings) {
        super("SGD", settings.learningRate(), settings.momentum() != 0 ? new String[]{"momentum_buffer"} : new String[0]);
        this.settings = settings;
    }

    @Override
    public SgdSettings settings() {
        return settings;
    }

    @Override
    Untouched untouchedRows() {
        // w -= lr*0 leaves w as it is; momentum buffers and weight decay move untouched elements
        return settings.momentum() == 0 && settings.weightDecay() == 0 ? Untouched.UNCHANGED : Untouched.DENSE;
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] slots, boolean fresh, long t, double lr) {
        double wd = settings.weightDecay(), m = settings.momentum(), damp = 1 - settings.dampening();
        boolean nesterov = settings.nesterov();
        float[] buf = m != 0 ? slots[0] : null;
        for (int i = from; i < to; i++) {
            double d = g[i];
            if (wd != 0) d += wd * w[i];
            if (m != 0) {
                float b = fresh ? (float) d : (float) (m * buf[i] + damp * d);
                buf[i] = b;
                d = nesterov ? d + m * b : b;
            }
            w[i] = (float) (w[i] - lr * d);
        }
    }
}
