package org.convkit.train;

import org.convkit.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping shared by the optimisers: a learning rate, a step count and, per parameter,
 * a fixed set of named buffers ("slots") the size of the parameter.
 *
 * <p>Row-sparse gradients ({@link Parameter#sparseRows()}, an embedding table's) are applied to
 * the listed rows only when the optimiser says how the other rows, whose gradient is zero, change
 * ({@link #untouchedRows()}): not at all (plain SGD), or only by a decay of the slots that
 * depends on nothing but the number of steps (Adadelta without weight decay). In the second case
 * the decays are applied lazily: each row remembers the last step it is current for, and when it
 * is next touched (or the state is exported) it first catches up by repeating the one-step decay,
 * which gives the same bits as the dense update would have.
 */
abstract class SlotOptimizer implements Optimizer {
    /** How the rows of a row-sparse gradient that are not listed (their gradient is zero) change in a step. */
    enum Untouched {
        /** In a way that needs the full update (momentum, Adam's moments, weight decay): update every row. */
        DENSE,
        /** Neither values nor slots change: update the listed rows only. */
        UNCHANGED,
        /** Values do not change; slots change by {@link #decay} alone: update listed rows, decay the others lazily. */
        DECAY
    }

    /**
     * Per row of a lazily decayed parameter, the number of this parameter's updates its slots
     * are current for ({@code now} is the count so far); a row is {@code now - last[r]} decays behind.
     */
    private static final class RowClock {
        final int width;
        final long[] last;
        long now;

        RowClock(int width, int rows) {
            this.width = width;
            this.last = new long[rows];
        }
    }

    private final String kind;
    private final String[] slotNames;
    private final Map<String, float[][]> state = new LinkedHashMap<>();
    /** Parameters whose slots may lag behind (DECAY mode); absent means every row is current. */
    private final Map<String, RowClock> clocks = new LinkedHashMap<>();
    private double learningRate;
    private long steps;
    /** False makes every update dense, for tests that compare the two paths. */
    boolean sparseUpdates = true;

    SlotOptimizer(String kind, double learningRate, String... slotNames) {
        this.kind = kind;
        this.learningRate = Optimizer.checkRate(learningRate);
        this.slotNames = slotNames;
    }

    /**
     * Updates values {@code w[from..to)} from gradients {@code g} using this parameter's slots
     * (each element on its own, so any range gives the same bits as the whole).
     * {@code fresh} is true on the parameter's first step (its slots are all zero).
     * {@code t} is the 1-based step number and {@code lr} the learning rate of this step.
     */
    abstract void update(float[] w, float[] g, int from, int to, float[][] slots, boolean fresh, long t, double lr);

    /** How elements with a zero gradient change under the current settings; {@link Untouched#DENSE} unless overridden. */
    Untouched untouchedRows() {
        return Untouched.DENSE;
    }

    /**
     * For {@link Untouched#DECAY}: applies {@code k >= 1} steps with zero gradient to the slots of
     * elements {@code [from, to)}, with exactly the bits {@code k} calls of {@link #update} would give.
     */
    void decay(float[][] slots, int from, int to, long k) {
        throw new UnsupportedOperationException(kind + " has no lazy decay");
    }

    @Override
    public final void step(List<Parameter> params) {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!p.trainable()) continue;
            p.markChanged();
            float[][] s = state.get(p.name());
            boolean fresh = s == null;
            if (fresh) {
                s = new float[slotNames.length][p.size()];
                state.put(p.name(), s);
                clocks.remove(p.name());
            } else if (slotNames.length > 0 && s[0].length != p.size()) {
                throw new IllegalStateException(kind + ": state of parameter '" + p.name() + "' holds " + s[0].length
                        + " values but the parameter has " + p.size());
            }
            float[] w = p.value().data(), g = p.grad().data();
            Parameter.SparseRows rows = sparseUpdates ? p.sparseRows() : null;
            Untouched mode = rows == null ? Untouched.DENSE : untouchedRows();
            if (mode == Untouched.DECAY) {
                stepLazily(p, rows, w, g, s, fresh);
                continue;
            }
            RowClock clock = clocks.isEmpty() ? null : clocks.remove(p.name());
            if (clock != null) catchUp(clock, s); // the dense update needs every row current
            if (mode == Untouched.UNCHANGED) {
                int width = rows.width();
                for (int k = 0, n = rows.count(); k < n; k++) {
                    int r = rows.row(k);
                    update(w, g, r * width, (r + 1) * width, s, fresh, steps, learningRate);
                }
            } else {
                update(w, g, 0, p.size(), s, fresh, steps, learningRate);
            }
        }
    }

    /**
     * One step of a parameter in {@link Untouched#DECAY} mode: each listed row first catches up on
     * the decays it missed, then takes the normal update. Unlisted rows are not visited.
     */
    private void stepLazily(Parameter p, Parameter.SparseRows rows, float[] w, float[] g, float[][] s, boolean fresh) {
        RowClock clock = clocks.get(p.name());
        int width = rows.width();
        if (clock == null || clock.width != width || clock.last.length != rows.rows()) {
            if (clock != null) catchUp(clock, s);
            clock = new RowClock(width, rows.rows()); // all rows current: fresh zeros, imported or caught up
            clocks.put(p.name(), clock);
        }
        long now = ++clock.now;
        long[] last = clock.last;
        for (int k = 0, n = rows.count(); k < n; k++) {
            int r = rows.row(k), from = r * width, to = from + width;
            long behind = now - 1 - last[r];
            if (behind > 0) decay(s, from, to, behind);
            update(w, g, from, to, s, fresh, steps, learningRate);
            last[r] = now;
        }
    }

    /** Brings every row of a lazily decayed parameter up to date. */
    private void catchUp(RowClock clock, float[][] s) {
        long[] last = clock.last;
        int width = clock.width;
        for (int r = 0; r < last.length; r++) {
            long behind = clock.now - last[r];
            if (behind > 0) {
                decay(s, r * width, (r + 1) * width, behind);
                last[r] = clock.now;
            }
        }
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double rate) {
        this.learningRate = Optimizer.checkRate(rate);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final OptimizerState exportState() {
        // A checkpoint holds the dense path's state: rows that lag behind catch up first.
        for (Map.Entry<String, RowClock> e : clocks.entrySet()) catchUp(e.getValue(), state.get(e.getKey()));
        Map<String, float[]> slots = new LinkedHashMap<>();
        for (Map.Entry<String, float[][]> e : state.entrySet()) {
            for (int k = 0; k < slotNames.length; k++) slots.put(OptimizerState.key(e.getKey(), slotNames[k]), e.getValue()[k]);
        }
        return new OptimizerState(steps, slots); // the record copies the arrays
    }

    @Override
    public final void importState(OptimizerState st) {
        Map<String, float[][]> next = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : st.slots().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('/');
            int k = cut < 0 ? -1 : slotIndex(key.substring(cut + 1));
            if (k < 0) {
                throw new IllegalArgumentException(kind + " state: key '" + key + "' is not 'parameter/slot' with slot one of "
                        + List.of(slotNames));
            }
            float[] v = e.getValue();
            float[][] s = next.computeIfAbsent(key.substring(0, cut), x -> new float[slotNames.length][]);
            s[k] = v.clone();
        }
        for (Map.Entry<String, float[][]> e : next.entrySet()) {
            float[][] s = e.getValue();
            for (int k = 0; k < s.length; k++) {
                if (s[k] == null) {
                    throw new IllegalArgumentException(kind + " state: parameter '" + e.getKey() + "' lacks slot '"
                            + slotNames[k] + "'");
                }
                if (s[k].length != s[0].length) {
                    throw new IllegalArgumentException(kind + " state: slots of parameter '" + e.getKey()
                            + "' differ in length (" + s[0].length + " and " + s[k].length + ")");
                }
            }
        }
        state.clear();
        state.putAll(next);
        clocks.clear(); // the imported slots are current for every row
        steps = st.steps();
    }

    private int slotIndex(String slot) {
        for (int k = 0; k < slotNames.length; k++) if (slotNames[k].equals(slot)) return k;
        return -1;
    }
}
