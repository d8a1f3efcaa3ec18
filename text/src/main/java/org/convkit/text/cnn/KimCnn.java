package org.convkit.text.cnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.convkit.nn.Concat;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Dropout;
import org.convkit.nn.Embedding;
import org.convkit.nn.Flatten;
import org.convkit.nn.Init;
import org.convkit.nn.LayerSpec;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.nn.Relu;
import org.convkit.nn.Tanh;
import org.convkit.text.vocab.Vocabulary;

/**
 * The architecture of Kim (2014)'s sentence CNN: word vectors (one or two channels), parallel
 * convolutions whose filters span the whole vector width and cover {@code h} consecutive words,
 * a non-linearity, max-over-time pooling, concatenation, dropout and a softmax layer whose weight
 * rows are kept within an L2 norm bound. Immutable settings, serialisable with Jackson; the model
 * itself comes from {@link #spec}.
 *
 * @param filterWidths  window heights h in words (Kim: 3, 4, 5)
 * @param featureMaps   filters per width (Kim: 100)
 * @param embeddingDim  word-vector length k (Kim: 300, the word2vec size; must equal the
 *                      pretrained vectors' dimension in the pretrained modes)
 * @param mode          how the word vectors are initialised and trained (Kim's best on most sets:
 *                      {@link EmbeddingMode#NON_STATIC})
 * @param activation    the non-linearity after each convolution (Kim: ReLU)
 * @param dropout       dropout rate on the concatenated pooled features (Kim: 0.5)
 * @param maxNorm       L2 bound s on each output unit's weight vector, applied after every step
 *                      (Kim: 3)
 */
@JsonPropertyOrder({"filterWidths", "featureMaps", "embeddingDim", "mode", "activation", "dropout", "maxNorm"})
public record KimCnn(@JsonProperty("filterWidths") List<Integer> filterWidths,
                     @JsonProperty("featureMaps") int featureMaps,
                     @JsonProperty("embeddingDim") int embeddingDim,
                     @JsonProperty("mode") EmbeddingMode mode,
                     @JsonProperty("activation") Activation activation,
                     @JsonProperty("dropout") double dropout,
                     @JsonProperty("maxNorm") double maxNorm) {

    /** Name of the model input: the padded token-id sequence. */
    public static final String INPUT = "tokens";
    /** Node of the single (or fine-tuned) embedding table. */
    public static final String EMBEDDING = "embedding";
    /** Node of the fixed embedding table of {@link EmbeddingMode#MULTICHANNEL}. */
    public static final String STATIC_EMBEDDING = "embedding_static";
    /** Node of the softmax layer. */
    public static final String OUTPUT = "output";

    /** The non-linearity applied to each feature map. */
    public enum Activation {
        /** max(0, x), Kim's choice. */
        RELU,
        /** Hyperbolic tangent. */
        TANH
    }

    /** Validates the settings. */
    public KimCnn {
        Objects.requireNonNull(filterWidths, "filterWidths must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        Objects.requireNonNull(activation, "activation must not be null");
        if (filterWidths.isEmpty()) {
            throw new IllegalArgumentException("filterWidths must name at least one window height");
        }
        for (Integer h : filterWidths) {
            if (h == null || h < 1) {
                throw new IllegalArgumentException("filterWidths must be positive, got " + filterWidths);
            }
        }
        if (filterWidths.stream().distinct().count() != filterWidths.size()) {
            throw new IllegalArgumentException("filterWidths must be distinct (use more featureMaps instead of"
                + " repeating a width), got " + filterWidths);
        }
        filterWidths = List.copyOf(filterWidths);
        if (featureMaps < 1) {
            throw new IllegalArgumentException("featureMaps must be at least 1, got " + featureMaps);
        }
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embeddingDim must be at least 1, got " + embeddingDim);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be finite and > 0, got " + maxNorm);
        }
    }

    /**
     * Kim (2014)'s hyper-parameters: widths 3, 4, 5 with 100 maps each, ReLU, dropout 0.5,
     * max-norm 3, 300-dimensional word vectors.
     *
     * @param mode the embedding variant
     * @return the settings
     */
    public static KimCnn kim2014(EmbeddingMode mode) {
        return new KimCnn(List.of(3, 4, 5), 100, 300, mode, Activation.RELU, 0.5, 3.0);
    }

    /**
     * Returns a copy with another word-vector length.
     *
     * @param dim the length, e.g. the pretrained vectors' dimension
     * @return the new settings
     */
    public KimCnn withEmbeddingDim(int dim) {
        return new KimCnn(filterWidths, featureMaps, dim, mode, activation, dropout, maxNorm);
    }

    /**
     * Returns a copy with another embedding mode.
     *
     * @param newMode the mode
     * @return the new settings
     */
    public KimCnn withMode(EmbeddingMode newMode) {
        return new KimCnn(filterWidths, featureMaps, embeddingDim, newMode, activation, dropout, maxNorm);
    }

    /**
     * Returns a copy with other filter widths and maps per width.
     *
     * @param widths the window heights
     * @param maps   filters per width
     * @return the new settings
     */
    public KimCnn withFilters(List<Integer> widths, int maps) {
        return new KimCnn(widths, maps, embeddingDim, mode, activation, dropout, maxNorm);
    }

    /**
     * The widest window, which fixes the padding ({@code h - 1} ids on each side, as Kim pads).
     *
     * @return the largest filter width
     */
    public int widestFilter() {
        return filterWidths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /**
     * Full name of the softmax weight that max-norm constrains.
     *
     * @return {@code output.weight}
     */
    public static String maxNormParameter() {
        return OUTPUT + ".weight";
    }

    /**
     * Builds the network for a vocabulary, a fixed input length and a number of classes. Padding
     * ({@link Vocabulary#PAD_ID}) rows of the embedding tables are zero and never trained. The
     * embedding tables start from {@link Init#UNIFORM_025}, Kim's range for random vectors; the
     * pretrained modes overwrite them with {@link PretrainedEmbeddings}.
     *
     * <p>For {@link EmbeddingMode#MULTICHANNEL} the fixed and the fine-tuned tables both read the
     * token input and are concatenated on the channel axis, giving a {@code 2 x T x k} input: a
     * convolution over two input channels sums its two per-channel responses, which is Kim's
     * "each filter is applied to both channels and the results are added".
     *
     * @param vocabSize   number of rows of the embedding table(s), the vocabulary size
     * @param inputLength number of token ids per example, at least {@link #widestFilter()}
     * @param classes     number of labels, at least 2
     * @return the architecture
     * @throws IllegalArgumentException if a size is out of range
     */
    public ModelSpec spec(int vocabSize, int inputLength, int classes) {
        if (vocabSize < Vocabulary.RESERVED_ENTRIES) {
            throw new IllegalArgumentException("vocabSize must be at least " + Vocabulary.RESERVED_ENTRIES
                + ", got " + vocabSize);
        }
        if (inputLength < widestFilter()) {
            throw new IllegalArgumentException("inputLength " + inputLength + " is shorter than the widest filter "
                + widestFilter());
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        ModelBuilder b = new ModelBuilder("kim-cnn-" + mode.cliName());
        Node ids = b.input(INPUT, inputLength);
        Embedding table = new Embedding(vocabSize, embeddingDim, mode != EmbeddingMode.STATIC,
            Vocabulary.PAD_ID, Init.UNIFORM_025);
        Node words = ids.then(EMBEDDING, table);
        if (mode == EmbeddingMode.MULTICHANNEL) {
            Node fixed = ids.then(STATIC_EMBEDDING, table.frozen());
            words = b.add("channels", new Concat(), fixed, words);
        }
        List<Node> pooled = new ArrayList<>();
        for (int h : filterWidths) {
            LayerSpec nonLinearity = activation == Activation.RELU ? new Relu() : new Tanh();
            pooled.add(words.then("conv" + h, Conv2d.of(featureMaps, h, embeddingDim))
                .then("act" + h, nonLinearity)
                .then("pool" + h, new MaxOverTime()));
        }
        Node features = pooled.size() == 1 ? pooled.get(0) : b.add("concat", new Concat(), pooled);
        Node x = features.then("flatten", new Flatten()).then("dropout", new Dropout(dropout))
            .then(OUTPUT, Dense.of(classes));
        return b.build(x);
    }
}
