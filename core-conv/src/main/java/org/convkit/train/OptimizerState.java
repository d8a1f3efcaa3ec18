package org.convkit.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of an {@link Optimizer}: the number of steps taken and its per-parameter buffers,
 * keyed {@code parameterName/slot} (e.g. {@code dense_1.weight/exp_avg}) with PyTorch's slot names
 * ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq}, {@code square_avg}, {@code acc_delta}).
 *
 * @param steps number of optimiser steps taken
 * @param slots buffers in parameter order; each array has the parameter's element count
 */
public record OptimizerState(long steps, Map<String, float[]> slots) {

    /** Copies the slot arrays, keeping their order. */
    public OptimizerState {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        if (slots == null) throw new IllegalArgumentException("slots must not be null");
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : slots.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("optimizer slot '" + e.getKey() + "' is null");
            copy.put(e.getKey(), e.getValue().clone());
        }
        slots = Collections.unmodifiableMap(copy);
    }

    /** The key of {@code slot} of parameter {@code parameter}: {@code parameter/slot}. */
    public static String key(String parameter, String slot) {
        return parameter + "/" + slot;
    }
}
