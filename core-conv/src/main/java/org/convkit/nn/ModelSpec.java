package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's architecture: a directed acyclic graph of layers in an order where every node comes
 * after the nodes it reads. Pure data (Jackson writes and reads it); {@link Model#create} turns it
 * into a runnable model with parameters.
 */
public record ModelSpec(String name, List<InputSpec> inputs, List<NodeSpec> nodes, String output) {

    public ModelSpec {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("a model needs at least one input");
        if (nodes == null || nodes.isEmpty()) throw new IllegalArgumentException("a model needs at least one layer");
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        if (name == null) name = "model";
        Set<String> seen = new HashSet<>();
        for (InputSpec in : inputs) {
            if (!seen.add(in.name())) throw new IllegalArgumentException("duplicate name '" + in.name() + "'");
        }
        for (NodeSpec n : nodes) {
            for (String src : n.inputs()) {
                if (!seen.contains(src)) {
                    throw new IllegalArgumentException("node '" + n.name() + "' reads '" + src
                            + "', which is not an input or an earlier node");
                }
            }
            int arity = n.layer().arity();
            if (arity > 0 && n.inputs().size() != arity) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.layer().describe() + ") takes "
                        + arity + " input(s), got " + n.inputs().size());
            }
            if (!seen.add(n.name())) throw new IllegalArgumentException("duplicate name '" + n.name() + "'");
        }
        if (output == null) output = nodes.get(nodes.size() - 1).name();
        if (!seen.contains(output)) throw new IllegalArgumentException("output '" + output + "' is not a node");
    }

    /**
     * The per-example output shape of every input and node, checking each layer's inputs.
     *
     * @throws IllegalArgumentException naming the node, its layer and the shapes, when they do not fit
     */
    public Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (InputSpec in : inputs) shapes.put(in.name(), in.shape());
        for (NodeSpec n : nodes) {
            List<Shape> ins = inputShapes(n, shapes);
            try {
                shapes.put(n.name(), n.layer().outputShape(ins));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer '" + n.name() + "' (" + n.layer().describe() + ") with input "
                        + ins + ": " + e.getMessage(), e);
            }
        }
        return shapes;
    }

    static List<Shape> inputShapes(NodeSpec n, Map<String, Shape> shapes) {
        List<Shape> ins = new ArrayList<>();
        for (String s : n.inputs()) ins.add(shapes.get(s));
        return ins;
    }

    /** Number of nodes reading each input or node (fan-out). */
    Map<String, Integer> consumers() {
        Map<String, Integer> c = new HashMap<>();
        for (NodeSpec n : nodes) for (String s : n.inputs()) c.merge(s, 1, Integer::sum);
        return c;
    }
}
