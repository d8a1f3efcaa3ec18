package org.convkit.zoo;

import org.convkit.nn.Add;
import org.convkit.nn.BatchNorm2d;
import org.convkit.nn.Concat;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Dropout;
import org.convkit.nn.Embedding;
import org.convkit.nn.Flatten;
import org.convkit.nn.GlobalAvgPool2d;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.nn.Padding;
import org.convkit.nn.PositionBias;
import org.convkit.nn.Relu;

import java.util.ArrayList;
import java.util.List;

/**
 * The four reference networks of the project's benchmark (shared/bench/WORKLOADS.md), built with
 * the public API. Each returns logits; train them with {@code SoftmaxCrossEntropy}.
 */
public final class ReferenceNetworks {
    private ReferenceNetworks() {
    }

    /**
     * W1 {@code kws-trad-pool2}: Sainath and Parada (2015) cnn-trad-pool2 as reimplemented by Honk.
     * 1x101x40 -> conv 64 20x8 -> ReLU -> dropout -> max-pool 2x2 -> conv 64 10x4 -> ReLU -> dropout
     * -> flatten -> dense 12.
     */
    public static ModelSpec kwsTradPool2() {
        ModelBuilder b = new ModelBuilder("kws-trad-pool2");
        Node x = b.input("features", 1, 101, 40);
        x = x.then("conv1", Conv2d.of(64, 20, 8)).then("relu1", new Relu()).then("dropout1", new Dropout(0.5));
        x = x.then("pool1", MaxPool2d.of(2));
        x = x.then("conv2", Conv2d.of(64, 10, 4)).then("relu2", new Relu()).then("dropout2", new Dropout(0.5));
        x = x.then("flatten", new Flatten()).then("output", Dense.of(12));
        return b.build(x);
    }

    /**
     * W2 {@code kws-res15}: Tang and Lin (2018) res15: 45 maps, 13 dilated 3x3 convolutions with
     * residual connections every second layer and batch norm without affine parameters, global
     * average pooling, dense 12.
     */
    public static ModelSpec kwsRes15() {
        int maps = 45, layers = 13;
        ModelBuilder b = new ModelBuilder("kws-res15");
        Node x = b.input("features", 1, 101, 40);
        x = x.then("conv0", Conv2d.of(maps, 3).withPadding(Padding.of(1)).withBias(false)).then("relu0", new Relu());
        Node kept = x;
        for (int i = 1; i <= layers; i++) {
            int d = 1 << ((i - 1) / 3);
            x = x.then("conv" + i, Conv2d.of(maps, 3).withPadding(Padding.of(d)).withDilation(d).withBias(false))
                    .then("relu" + i, new Relu());
            if (i % 2 == 0) {
                x = b.add("res" + i, new Add(), x, kept);
                kept = x;
            }
            x = x.then("bn" + i, BatchNorm2d.withoutAffine());
        }
        x = x.then("pool", new GlobalAvgPool2d()).then("output", Dense.of(12));
        return b.build(x);
    }

    /**
     * W3 {@code text-kim}: Kim (2014) CNN-non-static: 56 token ids, a trainable 18,765 x 300
     * embedding, parallel width-spanning convolutions of 100 filters over 3, 4 and 5 words, ReLU,
     * max over time, concatenation, dropout 0.5, dense 2.
     */
    public static ModelSpec textKim() {
        return kimCnn("text-kim", 18_765, 300, 56, new int[]{3, 4, 5}, 100, 2);
    }

    /** Kim's sentence CNN with the given sizes (see {@link #textKim()}). */
    public static ModelSpec kimCnn(String name, int vocab, int dim, int length, int[] widths, int maps, int classes) {
        ModelBuilder b = new ModelBuilder(name);
        Node ids = b.input("tokens", length);
        Node emb = ids.then("embedding", Embedding.of(vocab, dim));
        List<Node> pooled = new ArrayList<>();
        for (int h : widths) {
            pooled.add(emb.then("conv" + h, Conv2d.of(maps, h, dim)).then("relu" + h, new Relu())
                    .then("maxpool" + h, new MaxOverTime()));
        }
        Node x = b.add("concat", new Concat(), pooled).then("flatten", new Flatten());
        x = x.then("dropout", new Dropout(0.5)).then("output", Dense.of(classes));
        return b.build(x);
    }

    /**
     * W4 {@code alphago-policy}: the policy network of Silver et al. (2016) with k = 192 filters:
     * 48 input planes of 19x19, a 5x5 convolution (zero-padded to 23x23), eleven 3x3 convolutions
     * (padded to 21x21), all with ReLU, then a 1x1 convolution without bias, a separate bias for
     * each of the 361 positions, and logits over positions.
     */
    public static ModelSpec alphaGoPolicy() {
        int k = 192;
        ModelBuilder b = new ModelBuilder("alphago-policy");
        Node x = b.input("planes", 48, 19, 19);
        x = x.then("conv1", Conv2d.of(k, 5).withPadding(Padding.of(2))).then("relu1", new Relu());
        for (int i = 2; i <= 12; i++) {
            x = x.then("conv" + i, Conv2d.of(k, 3).withPadding(Padding.of(1))).then("relu" + i, new Relu());
        }
        x = x.then("conv13", Conv2d.of(1, 1).withBias(false)).then("flatten", new Flatten())
                .then("position_bias", new PositionBias());
        return b.build(x);
    }
}
