package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * A lookup table from token ids to vectors: an input of {@code T} ids (as floats holding whole
 * numbers in {@code [0, vocabSize)}) becomes a {@code 1 x T x dim} sentence matrix, one row per
 * token, ready for width-spanning convolution. Row {@code paddingId} (if >= 0) stays at zero and
 * gets no gradient. Frozen tables ({@code trainable = false}) are CNN-static (Kim 2014). Set the
 * initial table from pretrained vectors with {@link Model#setParameter}.
 */
public record Embedding(int vocabSize, int dim, boolean trainable, int paddingId, Init init) implements LayerSpec {

    public Embedding {
        if (vocabSize <= 0 || dim <= 0) throw new IllegalArgumentException("Embedding needs vocabSize and dim > 0");
        if (paddingId >= vocabSize) throw new IllegalArgumentException("paddingId " + paddingId + " >= vocabSize " + vocabSize);
        if (init == null) init = Init.NORMAL;
    }

    /** A trainable table with no padding row, initialised N(0,1) as PyTorch does. */
    public static Embedding of(int vocabSize, int dim) {
        return new Embedding(vocabSize, dim, true, -1, Init.NORMAL);
    }

    public Embedding frozen() {
        return new Embedding(vocabSize, dim, false, paddingId, init);
    }

    public Embedding withPaddingId(int id) {
        return new Embedding(vocabSize, dim, trainable, id, init);
    }

    public Embedding withInit(Init i) {
        return new Embedding(vocabSize, dim, trainable, paddingId, i);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 1, "Embedding", "a sequence of T token ids (rank 1)");
        return Shape.of(1, in.dim(0), dim);
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        return List.of(new ParamSpec("weight", Shape.of(vocabSize, dim), init, dim, dim, trainable));
    }

    @Override
    public String describe() {
        return "Embedding " + vocabSize + "x" + dim + (trainable ? "" : " (frozen)");
    }
}
