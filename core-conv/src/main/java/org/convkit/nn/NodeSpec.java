package org.convkit.nn;

import java.util.List;

/** One layer of a model graph: its unique name, its settings, and the names of the nodes or inputs it reads. */
public record NodeSpec(String name, LayerSpec layer, List<String> inputs) {
    public NodeSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a node needs a name");
        if (layer == null) throw new IllegalArgumentException("node '" + name + "' needs a layer");
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("node '" + name + "' reads no input");
        inputs = List.copyOf(inputs);
    }
}
