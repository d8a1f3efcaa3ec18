package org.convkit.nn;

import org.convkit.tensor.Shape;

/** A value in a model under construction: an input or a layer's output, with its per-example shape. */
public record Node(ModelBuilder builder, String name, Shape shape) {

    /** Feeds this node into {@code layer} (auto-named) and returns the layer's output. */
    public Node then(LayerSpec layer) {
        return builder.add(layer, this);
    }

    /** Feeds this node into a named {@code layer} and returns the layer's output. */
    public Node then(String layerName, LayerSpec layer) {
        return builder.add(layerName, layer, this);
    }
}
