package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Element-wise sum of two or more inputs of the same shape (residual connections). */
public record Add() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() < 2) throw new IllegalArgumentException("Add takes two or more inputs, got " + inputs.size());
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(inputs.get(0))) {
                throw new IllegalArgumentException("Add input " + i + " has shape " + inputs.get(i) + " but input 0 has "
                        + inputs.get(0) + "; shapes must be equal");
            }
        }
        return inputs.get(0);
    }

    @Override
    public int arity() {
        return -1;
    }
}
