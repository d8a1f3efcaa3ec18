package org.convkit.audio.kws;

import java.util.List;
import java.util.Locale;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.nn.Add;
import org.convkit.nn.AvgPool2d;
import org.convkit.nn.BatchNorm2d;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.DepthwiseConv2d;
import org.convkit.nn.Dropout;
import org.convkit.nn.Flatten;
import org.convkit.nn.GlobalAvgPool2d;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.nn.Padding;
import org.convkit.nn.Relu;

/**
 * The keyword-spotting model zoo, selectable by name. Every model reads one input
 * {@code "features"} of shape {@code 1 x frames x coefficients} (time x frequency; 1 x 101 x 40 for
 * one second with {@link FeatureSettings#defaults()}) and returns logits over the classes; train
 * with {@code SoftmaxCrossEntropy}.
 *
 * <ul>
 *   <li>{@code cnn-trad-pool2}: Honk's variant of Sainath and Parada (2015) cnn-trad: conv 64 20x8,
 *       ReLU, dropout 0.5, max-pool 2x2, conv 64 10x4, ReLU, dropout 0.5, dense.</li>
 *   <li>{@code cnn-one-fstride4}: Sainath and Parada (2015) one-layer CNN as configured in Honk
 *       ({@code tf_variant}): conv 186 filters spanning all frames x 8 bands with frequency stride 4,
 *       ReLU, dropout, two linear layers of 128 (no non-linearity, as Honk's tf_variant; each
 *       followed by dropout), dense.</li>
 *   <li>{@code res8}, {@code res8-narrow}: Tang and Lin (2018): conv0 3x3 (45 or 19 maps, no
 *       bias), ReLU, average pool 4x3, then 6 convs 3x3 with ReLU, a residual sum after every
 *       second one and batch norm without affine parameters after each, global average pool,
 *       dense.</li>
 *   <li>{@code res15}: Tang and Lin (2018): as res8 without the pool, 13 convs of 45 maps with
 *       dilation 2^floor((i-1)/3) (as Honk and {@code ReferenceNetworks.kwsRes15}).</li>
 *   <li>{@code ds-cnn-s}: Zhang et al. (2017) "Hello Edge" DS-CNN small: conv 64 10x4 stride 2x2
 *       (same padding), batch norm, ReLU, then 4 depthwise-separable blocks (depthwise 3x3, batch
 *       norm, ReLU, pointwise 64, batch norm, ReLU), global average pool, dense.</li>
 * </ul>
 */
public final class KwsModels {

    /** The model names, in the order of the issue. */
    public static final List<String> NAMES =
            List.of("cnn-trad-pool2", "cnn-one-fstride4", "res8", "res8-narrow", "res15", "ds-cnn-s");

    private KwsModels() {
    }

    /**
     * Builds a model for one second of features computed with {@code features}.
     *
     * @param name       one of {@link #NAMES}
     * @param features   front end (gives frames = frameCount(sampleRate) and coefficients = cepstra)
     * @param numClasses number of output classes (12 for the standard task)
     * @return the architecture
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static ModelSpec build(String name, FeatureSettings features, int numClasses) {
        return build(name, features.frameCount(features.sampleRate()), features.cepstra(), numClasses);
    }

    /**
     * Builds a model for an input of {@code 1 x frames x coefficients}.
     *
     * @param name         one of {@link #NAMES}
     * @param frames       time steps of the input (101 for 1 s at a 10 ms hop)
     * @param coefficients coefficients per frame (40)
     * @param numClasses   number of output classes, &gt;= 2
     * @return the architecture
     * @throws IllegalArgumentException for an unknown name or an input too small for the model
     */
    public static ModelSpec build(String name, int frames, int coefficients, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, was " + numClasses);
        }
        if (frames < 1 || coefficients < 1) {
            throw new IllegalArgumentException("input must be at least 1 x 1, was " + frames + " x " + coefficients);
        }
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "cnn-trad-pool2" -> cnnTradPool2(frames, coefficients, numClasses);
            case "cnn-one-fstride4" -> cnnOneFstride4(frames, coefficients, numClasses);
            case "res8" -> res("res8", 45, 6, true, false, frames, coefficients, numClasses);
            case "res8-narrow" -> res("res8-narrow", 19, 6, true, false, frames, coefficients, numClasses);
            case "res15" -> res("res15", 45, 13, false, true, frames, coefficients, numClasses);
            case "ds-cnn-s" -> dsCnnSmall(frames, coefficients, numClasses);
            default -> throw new IllegalArgumentException("unknown keyword-spotting model '" + name
                    + "'; expected one of " + NAMES);
        };
    }

    private static ModelSpec cnnTradPool2(int frames, int coefficients, int classes) {
        ModelBuilder b = new ModelBuilder("cnn-trad-pool2");
        Node x = b.input("features", 1, frames, coefficients);
        x = x.then("conv1", Conv2d.of(64, 20, 8)).then("relu1", new Relu()).then("dropout1", new Dropout(0.5));
        x = x.then("pool1", MaxPool2d.of(2));
        x = x.then("conv2", Conv2d.of(64, 10, 4)).then("relu2", new Relu()).then("dropout2", new Dropout(0.5));
        x = x.then("flatten", new Flatten()).then("output", Dense.of(classes));
        return b.build(x);
    }

    private static ModelSpec cnnOneFstride4(int frames, int coefficients, int classes) {
        ModelBuilder b = new ModelBuilder("cnn-one-fstride4");
        Node x = b.input("features", 1, frames, coefficients);
        // The filter spans every frame: it slides over frequency only, 4 bands at a time.
        x = x.then("conv1", Conv2d.of(186, frames, 8).withStride(1, 4)).then("relu1", new Relu())
                .then("dropout1", new Dropout(0.5));
        x = x.then("flatten", new Flatten());
        // Honk's tf_variant: the two 128-unit layers are linear (no activation), each with dropout.
        x = x.then("dnn1", Dense.of(128)).then("dropout2", new Dropout(0.5));
        x = x.then("dnn2", Dense.of(128)).then("dropout3", new Dropout(0.5));
        x = x.then("output", Dense.of(classes));
        return b.build(x);
    }

    private static ModelSpec res(String name, int maps, int layers, boolean pool, boolean dilate,
                                 int frames, int coefficients, int classes) {
        ModelBuilder b = new ModelBuilder(name);
        Node x = b.input("features", 1, frames, coefficients);
        x = x.then("conv0", Conv2d.of(maps, 3).withPadding(Padding.of(1)).withBias(false)).then("relu0", new Relu());
        if (pool) {
            x = x.then("pool0", AvgPool2d.of(4, 3, 4, 3)); // Honk res8: nn.AvgPool2d((4, 3))
        }
        Node kept = x;
        for (int i = 1; i <= layers; i++) {
            int d = dilate ? 1 << ((i - 1) / 3) : 1;
            x = x.then("conv" + i, Conv2d.of(maps, 3).withPadding(Padding.of(d)).withDilation(d).withBias(false))
                    .then("relu" + i, new Relu());
            if (i % 2 == 0) {
                x = b.add("res" + i, new Add(), x, kept);
                kept = x;
            }
            x = x.then("bn" + i, BatchNorm2d.withoutAffine());
        }
        x = x.then("pool", new GlobalAvgPool2d()).then("output", Dense.of(classes));
        return b.build(x);
    }

    private static ModelSpec dsCnnSmall(int frames, int coefficients, int classes) {
        int maps = 64;
        ModelBuilder b = new ModelBuilder("ds-cnn-s");
        Node x = b.input("features", 1, frames, coefficients);
        x = x.then("conv0", Conv2d.of(maps, 10, 4).withStride(2, 2).withPadding(Padding.same()))
                .then("bn0", BatchNorm2d.of()).then("relu0", new Relu());
        for (int i = 1; i <= 4; i++) {
            x = x.then("dw" + i, DepthwiseConv2d.of(3, 3).withPadding(Padding.same()))
                    .then("dw_bn" + i, BatchNorm2d.of()).then("dw_relu" + i, new Relu());
            x = x.then("pw" + i, Conv2d.of(maps, 1))
                    .then("pw_bn" + i, BatchNorm2d.of()).then("pw_relu" + i, new Relu());
        }
        x = x.then("pool", new GlobalAvgPool2d()).then("output", Dense.of(classes));
        return b.build(x);
    }
}
