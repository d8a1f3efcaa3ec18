package org.convkit.io;

import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a fresh JVM by {@link ModelFileFreshJvmTest}: for each (model, inputs, outputs) triple of
 * paths, loads the model, predicts on the inputs (one tensor per model input, in order) and writes
 * the output.
 */
public final class PredictMain {
    private PredictMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 3 != 0) {
            throw new IllegalArgumentException("usage: PredictMain (model inputs outputs)...");
        }
        for (int i = 0; i < args.length; i += 3) {
            Model model = ModelFile.load(Path.of(args[i])).model();
            List<Tensor> inputs = TensorStreams.read(Path.of(args[i + 1]));
            Tensor out = model.predict(inputs.toArray(new Tensor[0]));
            List<Tensor> outs = new ArrayList<>();
            outs.add(out);
            TensorStreams.write(Path.of(args[i + 2]), outs);
        }
    }
}
