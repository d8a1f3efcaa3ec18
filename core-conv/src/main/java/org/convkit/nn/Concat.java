package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Joins two or more inputs along the first per-example axis: channels for feature maps,
 * features for vectors. All other dimensions must agree.
 */
public record Concat() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() < 2) throw new IllegalArgumentException("Concat takes two or more inputs, got " + inputs.size());
        Shape first = inputs.get(0);
        int total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            boolean ok = s.rank() == first.rank();
            for (int d = 1; ok && d < s.rank(); d++) ok = s.dim(d) == first.dim(d);
            if (!ok) {
                throw new IllegalArgumentException("Concat input " + i + " has shape " + s + " but input 0 has " + first
                        + "; all dimensions but the first must agree");
            }
            total += s.dim(0);
        }
        int[] d = first.dims();
        d[0] = total;
        return Shape.of(d);
    }

    @Override
    public int arity() {
        return -1;
    }
}
