package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/** Formats the per-layer table of {@link Model#summary()}. */
final class ModelSummary {
    private ModelSummary() {
    }

    static String format(Model m) {
        ModelSpec spec = m.spec();
        StringBuilder b = new StringBuilder();
        String fmt = "%-22s %-28s %-16s %12s %15s%n";
        b.append("Model: ").append(spec.name()).append('\n');
        b.append(String.format(fmt, "Layer", "Type", "Output shape", "Params", "Mult-adds"));
        b.append("-".repeat(97)).append('\n');
        for (InputSpec in : spec.inputs()) {
            b.append(String.format(fmt, in.name(), "Input", in.shape(), "0", "0"));
        }
        for (NodeSpec n : spec.nodes()) {
            List<Shape> ins = ModelSpec.inputShapes(n, m.shapes());
            long p = 0;
            for (ParamSpec ps : n.layer().parameters(ins)) if (ps.trainable()) p += ps.shape().size();
            b.append(String.format(fmt, trim(n.name(), 22), trim(n.layer().describe(), 28), m.shapes().get(n.name()),
                    String.format("%,d", p), String.format("%,d", n.layer().macs(ins))));
        }
        b.append("-".repeat(97)).append('\n');
        long nonTrainable = m.parameterCount() - m.trainableParameterCount();
        b.append(String.format("Trainable parameters: %,d%n", m.trainableParameterCount()));
        b.append(String.format("Non-trainable values: %,d (frozen tables, running statistics)%n", nonTrainable));
        b.append(String.format("Multiply-adds per example (forward): %,d%n", m.macs()));
        return b.toString();
    }

    private static String trim(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }
}
