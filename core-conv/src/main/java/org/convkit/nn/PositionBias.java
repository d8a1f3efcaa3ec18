package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * A separate learned bias for every element of the example (every board position of the AlphaGo
 * policy network's final 1x1 layer, Silver et al. 2016), initialised to zero.
 */
public record PositionBias() implements LayerSpec {
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return LayerSpec.single(inputs, 0, "PositionBias", "any");
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        return List.of(new ParamSpec("bias", inputs.get(0), Init.ZEROS, 1, 1, true));
    }
}
