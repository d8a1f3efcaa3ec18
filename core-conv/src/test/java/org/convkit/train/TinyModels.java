package org.convkit.train;

import org.convkit.nn.BatchNorm2d;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Flatten;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Node;
import org.convkit.nn.Relu;

/** Small models whose parameters the optimiser, clipping and constraint tests drive by hand. */
final class TinyModels {
    private TinyModels() {
    }

    /**
     * Input 3 -> {@code dense.weight} 2x3 and {@code dense.bias} 2 -> BatchNorm {@code bn}
     * (trainable gamma, beta; non-trainable running_mean, running_var).
     */
    static Model denseWithBatchNorm() {
        ModelBuilder b = new ModelBuilder("tiny");
        Node x = b.input("x", 3);
        x = x.then("dense", Dense.of(2)).then("bn", BatchNorm2d.of());
        return Model.create(b.build(x), 1L);
    }

    /** The model of the brief: 1x8x8 -> Conv2d 4 3x3 -> Relu -> Flatten -> Dense {@code classes}. */
    static Model smallConvNet(int classes, long seed) {
        ModelBuilder b = new ModelBuilder("small-cnn");
        Node x = b.input("image", 1, 8, 8);
        x = x.then("conv", Conv2d.of(4, 3)).then(new Relu()).then(new Flatten()).then("dense", Dense.of(classes));
        return Model.create(b.build(x), seed);
    }
}
