package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Views each example with another shape of the same size (data order unchanged). */
public record Reshape(Shape target) implements LayerSpec {
    public Reshape {
        if (target == null) throw new IllegalArgumentException("Reshape needs a target shape");
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 0, "Reshape", "any");
        if (in.size() != target.size()) {
            throw new IllegalArgumentException("Reshape to " + target + " (" + target.size() + " elements) given " + in
                    + " (" + in.size() + " elements)");
        }
        return target;
    }

    @Override
    public String describe() {
        return "Reshape " + target;
    }
}
