package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Fully connected layer: {@code y = W x + b} on a feature vector ({@code F -> units}); weights are
 * stored {@code units x F} as in PyTorch's {@code nn.Linear}. Put a {@link Flatten} before it to
 * feed feature maps.
 */
public record Dense(int units, boolean bias, Init init) implements LayerSpec {

    public Dense {
        if (units <= 0) throw new IllegalArgumentException("Dense needs units > 0, got " + units);
        if (init == null) init = Init.PYTORCH_DEFAULT;
    }

    /** {@code units} outputs with bias and PyTorch's default init. */
    public static Dense of(int units) {
        return new Dense(units, true, Init.PYTORCH_DEFAULT);
    }

    public Dense withBias(boolean b) {
        return new Dense(units, b, init);
    }

    public Dense withInit(Init i) {
        return new Dense(units, bias, i);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        LayerSpec.single(inputs, 1, "Dense", "a feature vector (rank 1; add a Flatten before it)");
        return Shape.of(units);
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        int f = inputs.get(0).dim(0);
        List<ParamSpec> ps = new ArrayList<>();
        ps.add(new ParamSpec("weight", Shape.of(units, f), init, f, units, true));
        if (bias) ps.add(new ParamSpec("bias", Shape.of(units),
                init == Init.PYTORCH_DEFAULT ? Init.PYTORCH_DEFAULT : Init.ZEROS, f, units, true));
        return ps;
    }

    @Override
    public long macs(List<Shape> inputs) {
        return (long) inputs.get(0).dim(0) * units;
    }

    @Override
    public String describe() {
        return "Dense " + units;
    }
}
