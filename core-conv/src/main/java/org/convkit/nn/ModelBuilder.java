package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ModelSpec} in a few readable lines. Shapes are checked as each layer is added,
 * so a mistake is reported at the line that makes it.
 *
 * <pre>{@code
 * ModelBuilder b = new ModelBuilder("keras-cnn");
 * Node x = b.input("image", 1, 28, 28);
 * x = x.then(Conv2d.of(32, 3)).then(new Relu()).then(MaxPool2d.of(2));
 * x = x.then(new Flatten()).then(Dense.of(10));
 * ModelSpec spec = b.build(x);
 * }</pre>
 */
public final class ModelBuilder {
    private final String name;
    private final List<InputSpec> inputs = new ArrayList<>();
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    public ModelBuilder(String name) {
        this.name = name;
    }

    /** Declares an input with its per-example shape. */
    public Node input(String inputName, int... shape) {
        Shape s = Shape.of(shape);
        checkFree(inputName);
        inputs.add(new InputSpec(inputName, s));
        shapes.put(inputName, s);
        return new Node(this, inputName, s);
    }

    /** Adds a layer with an automatic name ({@code conv2d_1}, {@code relu_3}, ...) reading {@code from}. */
    public Node add(LayerSpec layer, Node... from) {
        String base = layer.getClass().getSimpleName().toLowerCase();
        String nm;
        do {
            nm = base + "_" + counters.merge(base, 1, Integer::sum);
        } while (shapes.containsKey(nm));
        return add(nm, layer, from);
    }

    /** Adds a named layer reading {@code from}. */
    public Node add(String nodeName, LayerSpec layer, Node... from) {
        return add(nodeName, layer, Arrays.asList(from));
    }

    /** Adds a named layer reading the given nodes (for {@link Concat} and {@link Add} of a list). */
    public Node add(String nodeName, LayerSpec layer, List<Node> from) {
        checkFree(nodeName);
        List<String> srcs = new ArrayList<>();
        List<Shape> ins = new ArrayList<>();
        for (Node f : from) {
            if (f.builder() != this) throw new IllegalArgumentException("node '" + f.name() + "' belongs to another builder");
            srcs.add(f.name());
            ins.add(f.shape());
        }
        Shape out;
        try {
            if (layer.arity() > 0 && from.size() != layer.arity()) {
                throw new IllegalArgumentException("takes " + layer.arity() + " input(s), got " + from.size());
            }
            out = layer.outputShape(ins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + nodeName + "' (" + layer.describe() + ") with input " + ins
                    + ": " + e.getMessage(), e);
        }
        nodes.add(new NodeSpec(nodeName, layer, srcs));
        shapes.put(nodeName, out);
        return new Node(this, nodeName, out);
    }

    /** The finished architecture, with {@code output} as the model's output. */
    public ModelSpec build(Node output) {
        return new ModelSpec(name, inputs, nodes, output.name());
    }

    private void checkFree(String n) {
        if (shapes.containsKey(n)) throw new IllegalArgumentException("the name '" + n + "' is already used");
    }
}
