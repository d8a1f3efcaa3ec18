package org.convkit.train;

/**
 * Adadelta (Zeiler 2012) following {@code torch.optim.Adadelta}: with {@code g' = g + wd*w},
 * {@code s = rho*s + (1-rho)*g'^2}, {@code d = sqrt(a + eps)/sqrt(s + eps) * g'},
 * {@code a = rho*a + (1-rho)*d^2} and {@code w -= lr*d}. Slots: {@code square_avg},
 * {@code acc_delta}.
 *
 * <p>Without weight decay an element with zero gradient gets {@code d = 0}: its weight stays and
 * both slots only shrink by {@code rho}, so row-sparse gradients (embedding tables) update just
 * the listed rows and decay the others lazily ({@link SlotOptimizer}), with the dense result's
 * bits as long as {@code acc_delta} stays finite (an infinite one would make {@code d} NaN).
 */
public final class Adadelta extends SlotOptimizer {
    /** Passes of {@link #decay} between checks whether the values still change. */
    private static final long PASSES_PER_CHECK = 32;
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
    Untouched untouchedRows() {
        return settings.weightDecay() == 0 ? Untouched.DECAY : Untouched.DENSE;
    }

    /**
     * With {@code g = 0} Zeiler's (2012) Algorithm 1 gives {@code s = (float) (rho*s)} and
     * {@code a = (float) (rho*a)} (the added terms are +0.0, so {@link #update}'s expressions round
     * to these same floats). Repeating the one-step rounding, not multiplying by {@code rho^k},
     * is what keeps the dense path's bits. The steps go in passes over the range, whose elements
     * are independent (the loop pipelines, and the JIT can vectorise it); after each
     * {@link #PASSES_PER_CHECK} passes a long lag stops early once no value changes any more
     * (all zero, or stuck at the smallest subnormal that {@code rho} rounds back to itself), so
     * a row unseen for thousands of steps costs the few hundred passes it takes to underflow.
     */
    @Override
    void decay(float[][] slots, int from, int to, long k) {
        double rho = settings.rho();
        for (float[] x : slots) {
            for (long left = k; left > 0; ) {
                long passes = Math.min(left, PASSES_PER_CHECK);
                for (long j = 0; j < passes; j++) {
                    for (int i = from; i < to; i++) x[i] = (float) (rho * x[i]);
                }
                left -= passes;
                if (left > 0 && settled(x, from, to, rho)) break;
            }
        }
    }

    /** Whether one more decay step would leave every value of the range as it is. */
    private static boolean settled(float[] x, int from, int to, double rho) {
        for (int i = from; i < to; i++) if ((float) (rho * x[i]) != x[i]) return false;
        return true;
    }

    @Override
    void update(float[] w, float[] g, int from, int to, float[][] slots, boolean fresh, long t, double lr) {
        double rho = settings.rho(), eps = settings.eps(), wd = settings.weightDecay();
        float[] sq = slots[0], acc = slots[1];
        for (int i = from; i < to; i++) {
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
