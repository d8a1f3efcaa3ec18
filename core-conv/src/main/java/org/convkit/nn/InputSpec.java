package org.convkit.nn;

import org.convkit.tensor.Shape;

/** A named model input and its per-example shape. */
public record InputSpec(String name, Shape shape) {
    public InputSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an input needs a name");
        if (shape == null) throw new IllegalArgumentException("input '" + name + "' needs a shape");
    }
}
