package org.convkit.check;

import org.convkit.nn.Model;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Finite-difference check of a model's backward pass, for anyone writing a layer.
 *
 * <p>The check uses the scalar {@code L = sum(R * output)} with a fixed random {@code R}, so
 * dL/d(output) = R, and compares each analytic gradient entry with the central difference
 * {@code (L(x+h) - L(x-h)) / 2h}, where L is summed in double. The model itself computes in
 * float32, so the difference carries a rounding error of about {@code 1e-7 * sum|R*output| / h};
 * with {@code h = 1e-2} that is well under the default tolerance of 1% of the tensor's largest
 * gradient. Coordinates where the function has a kink inside {@code [x-h, x+h]} (ReLU at 0, a
 * max changing its winner) are detected by comparing the two one-sided differences and are
 * skipped and counted; a check that skips more than a tenth of its coordinates fails.
 */
public final class GradientCheck {

    /** Settings: step {@code h}, relative tolerance, most coordinates checked per tensor, seed, training mode. */
    public record Options(double step, double tolerance, int maxCoordinates, long seed, boolean training) {
        /** h = 1e-2, tolerance 1e-2, up to 200 coordinates per tensor, training mode. */
        public static Options defaults() {
            return new Options(1e-2, 1e-2, 200, 42, true);
        }

        public Options withStep(double h) {
            return new Options(h, tolerance, maxCoordinates, seed, training);
        }

        public Options withTolerance(double t) {
            return new Options(step, t, maxCoordinates, seed, training);
        }

        public Options withTraining(boolean t) {
            return new Options(step, tolerance, maxCoordinates, seed, t);
        }
    }

    /**
     * The outcome for one tensor: coordinates checked and skipped (kinks), the largest absolute
     * difference between analytic and numeric gradient, and the largest analytic gradient.
     */
    public record Result(String tensor, int checked, int skippedKinks, double maxAbsError, double maxAbsGradient,
                         double tolerance) {
        /** maxAbsError relative to the largest gradient (or 1e-6 if every gradient is ~0). */
        public double relativeError() {
            return maxAbsError / Math.max(maxAbsGradient, 1e-6);
        }

        /** Whether the error is within tolerance and few coordinates were skipped. */
        public boolean passed() {
            return relativeError() <= tolerance && skippedKinks * 10 <= checked + skippedKinks;
        }

        @Override
        public String toString() {
            return String.format("%s: %s, checked %d, skipped %d, max |error| %.3g, max |grad| %.3g, relative %.3g",
                    tensor, passed() ? "ok" : "FAILED", checked, skippedKinks, maxAbsError, maxAbsGradient, relativeError());
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks the gradients of every input (set {@code checkInputs} false for id inputs such as an
     * embedding's) and every trainable parameter of {@code model} at {@code inputs}.
     */
    public static List<Result> check(Model model, Tensor[] inputs, boolean checkInputs, Options o) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        Tensor out = model.forward(o.training(), inputs);
        Tensor r = Tensor.zeros(out.shape());
        for (int i = 0; i < r.size(); i++) r.data()[i] = (float) (rng.nextDouble() * 2 - 1);
        model.setInputGradients(checkInputs);
        model.backward(r);
        List<Result> results = new ArrayList<>();
        if (checkInputs) {
            for (int i = 0; i < inputs.length; i++) {
                Tensor analytic = model.inputGradient(i).copy();
                results.add(compare("input " + model.spec().inputs().get(i).name(), inputs[i].data(), inputs[i].size(),
                        null, analytic, model, inputs, r, o, rng));
            }
        }
        List<Parameter> ps = model.parameters().values().stream().filter(Parameter::trainable).toList();
        List<Tensor> grads = ps.stream().map(p -> p.grad().copy()).toList();
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            results.add(compare(p.name(), p.value().data(), p.size(), p, grads.get(k), model, inputs, r, o, rng));
        }
        model.setInputGradients(false);
        return results;
    }

    /** Central differences of the loss in coordinates of {@code x}, the values of {@code owner} when it is a parameter. */
    private static Result compare(String what, float[] x, int size, Parameter owner, Tensor analytic, Model model,
                                  Tensor[] inputs, Tensor r, Options o, SplittableRandom rng) {
        int[] coords = pick(size, o.maxCoordinates(), rng);
        double maxErr = 0, maxGrad = 0;
        for (int i = 0; i < analytic.size(); i++) maxGrad = Math.max(maxGrad, Math.abs(analytic.data()[i]));
        int checked = 0, skipped = 0;
        double h = o.step();
        for (int c : coords) {
            float orig = x[c];
            double l0 = loss(model, inputs, r, o);
            x[c] = (float) (orig + h);
            if (owner != null) owner.markChanged();
            double hp = x[c] - orig;
            double lp = loss(model, inputs, r, o);
            x[c] = (float) (orig - h);
            if (owner != null) owner.markChanged();
            double hm = orig - x[c];
            double lm = loss(model, inputs, r, o);
            x[c] = orig;
            if (owner != null) owner.markChanged();
            double fwd = (lp - l0) / hp, bwd = (l0 - lm) / hm;
            double scale = Math.max(Math.max(Math.abs(fwd), Math.abs(bwd)), maxGrad);
            if (Math.abs(fwd - bwd) > 0.1 * Math.max(scale, 1e-6)) {
                skipped++;
                continue;
            }
            double num = (lp - lm) / (hp + hm);
            maxErr = Math.max(maxErr, Math.abs(num - analytic.data()[c]));
            checked++;
        }
        return new Result(what, checked, skipped, maxErr, maxGrad, o.tolerance());
    }

    private static double loss(Model model, Tensor[] inputs, Tensor r, Options o) {
        Tensor out = model.forward(o.training(), inputs);
        double s = 0;
        for (int i = 0; i < out.size(); i++) s += (double) out.data()[i] * r.data()[i];
        return s;
    }

    private static int[] pick(int size, int max, SplittableRandom rng) {
        if (size <= max) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        int[] c = new int[max];
        for (int i = 0; i < max; i++) c[i] = rng.nextInt(size);
        return c;
    }
}
