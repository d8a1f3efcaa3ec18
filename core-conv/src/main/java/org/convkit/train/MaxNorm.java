package org.convkit.train;

import org.convkit.nn.Model;
import org.convkit.nn.Parameter;

import java.util.List;

/**
 * Max-norm constraint (Srebro et al. 2005; used by Hinton et al. 2012 and by Kim 2014 with
 * {@code c = 3} on the softmax layer): after each step every row of the chosen weights whose L2
 * norm exceeds {@code maxNorm} is rescaled to norm exactly {@code maxNorm}; rows within the bound
 * are left untouched. A row is a slice along the first dimension: one output unit's weights for a
 * {@code units x F} dense weight, one filter for a {@code filters x C x kH x kW} convolution weight.
 *
 * @param parameters full parameter names ({@code node.param}, e.g. {@code dense_1.weight})
 * @param maxNorm    the bound {@code c > 0}
 */
public record MaxNorm(List<String> parameters, double maxNorm) implements Constraint {

    /**
     * Checks the settings and copies the name list.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public MaxNorm {
        if (parameters == null || parameters.isEmpty()) throw new IllegalArgumentException("MaxNorm needs at least one parameter name");
        parameters = List.copyOf(parameters);
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("MaxNorm bound must be finite and > 0, got " + maxNorm);
        }
    }

    /** A bound {@code maxNorm} on the rows of the named parameters. */
    public static MaxNorm of(double maxNorm, String... parameters) {
        return new MaxNorm(List.of(parameters), maxNorm);
    }

    @Override
    public void apply(Model model) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = model.parameter(parameters.get(i));
            int rows = p.value().dim(0);
            renormRows(p.value().data(), rows, p.size() / rows, maxNorm);
            p.markChanged();
        }
    }

    /** Rescales each of {@code rows} rows of {@code cols} values in {@code w} to L2 norm at most {@code c}. */
    static void renormRows(float[] w, int rows, int cols, double c) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double ss = 0;
            for (int j = 0; j < cols; j++) ss += (double) w[o + j] * w[o + j];
            double norm = Math.sqrt(ss);
            if (norm > c) {
                double scale = c / norm;
                for (int j = 0; j < cols; j++) w[o + j] = (float) (w[o + j] * scale);
            }
        }
    }
}
