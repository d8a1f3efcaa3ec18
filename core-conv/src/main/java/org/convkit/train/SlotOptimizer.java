package org.convkit.train;

import org.convkit.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping shared by the optimisers: a learning rate, a step count and, per parameter,
 * a fixed set of named buffers ("slots") the size of the parameter.
 */
abstract class SlotOptimizer implements Optimizer {
    private final String kind;
    private final String[] slotNames;
    private final Map<String, float[][]> state = new LinkedHashMap<>();
    private double learningRate;
    private long steps;

    SlotOptimizer(String kind, double learningRate, String... slotNames) {
        this.kind = kind;
        this.learningRate = Optimizer.checkRate(learningRate);
        this.slotNames = slotNames;
    }

    /**
     * Updates {@code n} values {@code w} from gradients {@code g} using this parameter's slots.
     * {@code fresh} is true on the parameter's first step (its slots are all zero).
     * {@code t} is the 1-based step number and {@code lr} the learning rate of this step.
     */
    abstract void update(float[] w, float[] g, int n, float[][] slots, boolean fresh, long t, double lr);

    @Override
    public final void step(List<Parameter> params) {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!p.trainable()) continue;
            float[][] s = state.get(p.name());
            boolean fresh = s == null;
            if (fresh) {
                s = new float[slotNames.length][p.size()];
                state.put(p.name(), s);
            } else if (slotNames.length > 0 && s[0].length != p.size()) {
                throw new IllegalStateException(kind + ": state of parameter '" + p.name() + "' holds " + s[0].length
                        + " values but the parameter has " + p.size());
            }
            update(p.value().data(), p.grad().data(), p.size(), s, fresh, steps, learningRate);
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
        steps = st.steps();
    }

    private int slotIndex(String slot) {
        for (int k = 0; k < slotNames.length; k++) if (slotNames[k].equals(slot)) return k;
        return -1;
    }
}
