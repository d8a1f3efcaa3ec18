package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalisation per channel (Ioffe and Szegedy 2015) over batch and positions:
 * {@code y = (x - mean) / sqrt(var + eps)}, then {@code gamma * y + beta} when {@code affine}.
 * Training uses the batch's statistics (biased variance) and updates running statistics with
 * {@code running = (1 - momentum) * running + momentum * batch} (unbiased variance, as PyTorch);
 * inference uses the running statistics. Works on {@code C x H x W} and on feature vectors {@code C}.
 */
public record BatchNorm2d(double eps, double momentum, boolean affine) implements LayerSpec {

    public BatchNorm2d {
        if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm2d eps must be > 0, got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm2d momentum must be in [0,1]");
    }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, learned scale and shift. */
    public static BatchNorm2d of() {
        return new BatchNorm2d(1e-5, 0.1, true);
    }

    /** Without learned scale or shift (as in Tang and Lin's res15). */
    public static BatchNorm2d withoutAffine() {
        return new BatchNorm2d(1e-5, 0.1, false);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 0, "BatchNorm2d", "any");
        if (in.rank() != 1 && in.rank() != 3) {
            throw new IllegalArgumentException("BatchNorm2d expects C x H x W or C, got " + in);
        }
        return in;
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        int c = inputs.get(0).dim(0);
        List<ParamSpec> ps = new ArrayList<>();
        if (affine) {
            ps.add(new ParamSpec("gamma", Shape.of(c), Init.ONES, 1, 1, true));
            ps.add(new ParamSpec("beta", Shape.of(c), Init.ZEROS, 1, 1, true));
        }
        ps.add(new ParamSpec("running_mean", Shape.of(c), Init.ZEROS, 1, 1, false));
        ps.add(new ParamSpec("running_var", Shape.of(c), Init.ONES, 1, 1, false));
        return ps;
    }

    @Override
    public String describe() {
        return "BatchNorm2d" + (affine ? "" : " (no affine)");
    }
}
