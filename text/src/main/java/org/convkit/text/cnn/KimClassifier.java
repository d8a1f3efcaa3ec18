package org.convkit.text.cnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.io.ConvkitJson;
import org.convkit.io.ConvkitVersion;
import org.convkit.io.ModelFile;
import org.convkit.io.ModelFileException;
import org.convkit.io.SavedModel;
import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;
import org.convkit.text.Prediction;
import org.convkit.text.TextClassifier;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.preprocess.TextPreprocessorRuntime;
import org.convkit.text.vocab.PaddingMode;
import org.convkit.text.vocab.SequenceEncoding;
import org.convkit.text.vocab.Vocabulary;

/**
 * A trained {@link KimCnn} with everything needed to classify raw text the way it was trained:
 * the preprocessing settings, the vocabulary, the sequence encoding and the label order. Saves to
 * and loads from one convkit model file whose metadata holds all of that plus the training
 * settings, metrics and data provenance.
 *
 * <p>Input length. The network reads a fixed number of token ids: Kim's {@code h - 1} padding ids
 * on each side of the text (h the widest filter) around at most {@link #maxTokens()} tokens, the
 * longest training text (or the cap set in {@link KimTrainingSettings#maxTokens()}). Shorter
 * texts are padded at the end; a longer text is cut after its first {@code maxTokens()} tokens and
 * still gets a prediction. An empty text (or one whose tokens all vanish in normalisation) is all
 * padding and gets the prediction the biases alone give; a text of only unknown words reads the
 * unknown-word vector at every position. Neither is an error.
 *
 * <p>Safe to call from many threads at once: the trained network is never run itself; each call
 * borrows a private copy (with its own activation buffers) from a pool, creating one when all are
 * busy, so there are at most as many copies as concurrent callers.
 */
public final class KimClassifier implements TextClassifier {

    /** Value of the metadata's {@code kind} entry. */
    public static final String KIND = "convkit-text-kim-cnn";
    /** Examples per forward pass in batch prediction. */
    public static final int DEFAULT_BATCH = 64;

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    private final Model trained;
    private final KimCnn architecture;
    private final KimTrainingSettings training;
    private final Vocabulary vocabulary;
    private final List<String> labels;
    private final SequenceEncoding encoding;
    private final int inputLength;
    private final TextPreprocessorRuntime preprocessor;
    private final ObjectNode metadata;
    private final ConcurrentLinkedDeque<Runner> pool = new ConcurrentLinkedDeque<>();

    KimClassifier(Model trained, KimCnn architecture, KimTrainingSettings training, Vocabulary vocabulary,
                  List<String> labels, SequenceEncoding encoding, ObjectNode metadata) {
        this.trained = trained;
        this.architecture = architecture;
        this.training = training;
        this.vocabulary = vocabulary;
        this.labels = List.copyOf(labels);
        this.encoding = encoding;
        this.inputLength = encoding.encodedLength(encoding.maxTokens());
        this.preprocessor = new TextPreprocessorRuntime(training.preprocessor());
        this.metadata = metadata;
        int modelLength = trained.spec().inputs().get(0).shape().dim(0);
        if (modelLength != inputLength) {
            throw new IllegalArgumentException("the network reads " + modelLength + " token ids but the encoding "
                + encoding + " gives " + inputLength);
        }
        int outputs = trained.outputShape().size();
        if (outputs != labels.size()) {
            throw new IllegalArgumentException("the network has " + outputs + " outputs but there are "
                + labels.size() + " labels " + labels);
        }
    }

    /** Builds the metadata object shared by training and loading. */
    static ObjectNode metadata(KimCnn architecture, KimTrainingSettings training, Vocabulary vocabulary,
                               List<String> labels, SequenceEncoding encoding) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", KIND);
        m.put("convkit_version", ConvkitVersion.VERSION);
        m.set("labels", JSON.valueToTree(labels));
        m.set("kim_cnn", JSON.valueToTree(architecture));
        m.set("training", JSON.valueToTree(training));
        m.set("preprocessor", JSON.valueToTree(training.preprocessor()));
        m.set("encoding", JSON.valueToTree(encoding));
        m.set("vocabulary", JSON.valueToTree(vocabulary));
        m.putObject("metrics");
        return m;
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @param file the model file
     * @return the classifier, scoring exactly as the saved one did
     * @throws IOException        if the file cannot be read
     * @throws ModelFileException if it is not a convkit model or is damaged
     * @throws IllegalArgumentException naming the metadata field if it is not a Kim CNN text model or
     *                                  a field is missing or invalid
     */
    public static KimClassifier load(Path file) throws IOException {
        SavedModel saved = ModelFile.load(file);
        JsonNode m = saved.metadata();
        if (m == null || !m.isObject() || !KIND.equals(m.path("kind").asText())) {
            throw new IllegalArgumentException(file + " is not a convkit text model: metadata 'kind' is "
                + (m == null ? "missing" : m.path("kind")) + ", expected \"" + KIND + "\"");
        }
        KimCnn architecture = field(file, m, "kim_cnn", KimCnn.class);
        KimTrainingSettings training = field(file, m, "training", KimTrainingSettings.class);
        Vocabulary vocabulary = field(file, m, "vocabulary", Vocabulary.class);
        SequenceEncoding encoding = field(file, m, "encoding", SequenceEncoding.class);
        String[] labels = field(file, m, "labels", String[].class);
        return new KimClassifier(saved.model(), architecture, training, vocabulary, List.of(labels), encoding,
            ((ObjectNode) m).deepCopy());
    }

    private static <T> T field(Path file, JsonNode m, String name, Class<T> type) {
        JsonNode node = m.get(name);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(file + ": metadata field '" + name + "' is missing");
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": metadata field '" + name + "' is not a valid "
                + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves the network and all metadata atomically (temporary file, then rename).
     *
     * @param file destination
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        ObjectNode snapshot;
        synchronized (metadata) {
            snapshot = metadata.deepCopy();
        }
        ModelFile.save(file, trained, snapshot);
    }

    /**
     * Records evaluation figures in the metadata under {@code metrics.<name>}, to be saved with the
     * model.
     *
     * @param name   e.g. {@code validation} or {@code test}
     * @param report the figures
     */
    public void recordMetrics(String name, ClassificationReport report) {
        Objects.requireNonNull(name, "name must not be null");
        synchronized (metadata) {
            ((ObjectNode) metadata.get("metrics")).set(name, JSON.valueToTree(report));
        }
    }

    /**
     * A copy of the metadata saved with the model: {@code kind}, {@code convkit_version},
     * {@code labels}, {@code kim_cnn}, {@code training}, {@code preprocessor}, {@code encoding},
     * {@code vocabulary}, {@code metrics}, and from training {@code embeddings}, {@code history},
     * {@code provenance}.
     *
     * @return a deep copy
     */
    public ObjectNode metadata() {
        synchronized (metadata) {
            return metadata.deepCopy();
        }
    }

    /** {@inheritDoc} In the order of the training data's sorted label names. */
    @Override
    public List<String> labels() {
        return labels;
    }

    /**
     * The architecture settings.
     *
     * @return the settings
     */
    public KimCnn architecture() {
        return architecture;
    }

    /**
     * The training settings, including the preprocessing.
     *
     * @return the settings
     */
    public KimTrainingSettings training() {
        return training;
    }

    /**
     * The preprocessing applied by {@link #predict(String)}.
     *
     * @return the settings
     */
    public TextPreprocessor preprocessor() {
        return training.preprocessor();
    }

    /**
     * The vocabulary: ids are embedding rows.
     *
     * @return the vocabulary
     */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Longest token sequence read; later tokens are ignored.
     *
     * @return the cap
     */
    public int maxTokens() {
        return encoding.maxTokens();
    }

    /**
     * Token ids per network input: {@code maxTokens() + 2 (h - 1)}.
     *
     * @return the input length
     */
    public int inputLength() {
        return inputLength;
    }

    /**
     * The encoding of token sequences into ids.
     *
     * @return the encoding
     */
    public SequenceEncoding encoding() {
        return encoding;
    }

    /**
     * Classifies tokens already preprocessed as the training data were (as in
     * {@link org.convkit.text.LabeledTokens}).
     *
     * @param tokens the tokens; may be empty; tokens past {@link #maxTokens()} are ignored
     * @return the most probable label and the probability of every label
     */
    @Override
    public Prediction predict(String[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        return predictAll(List.<String[]>of(tokens)).get(0);
    }

    /**
     * Preprocesses raw text with the model's preprocessing, then classifies it.
     *
     * @param text any text; empty or blank text gets the all-padding prediction
     * @return the prediction
     */
    public Prediction predict(String text) {
        Objects.requireNonNull(text, "text must not be null");
        return predict(preprocessor.tokenize(text));
    }

    /**
     * Classifies tokens produced by any tokenizer: the model's normalisation and lower-casing are
     * applied to them first (a token may split or vanish), so tokens from an OpenNLP tokenizer
     * other than the model's own map onto the same vocabulary.
     *
     * @param tokens tokens as a tokenizer produced them
     * @return the prediction
     */
    public Prediction predictTokenized(String[] tokens) {
        return predict(preprocessor.normalise(tokens));
    }

    /**
     * Classifies many preprocessed token sequences, {@link #DEFAULT_BATCH} per forward pass.
     *
     * @param batch the token sequences
     * @return one prediction per sequence, in order
     */
    public List<Prediction> predictAll(List<String[]> batch) {
        Objects.requireNonNull(batch, "batch must not be null");
        List<Prediction> out = new ArrayList<>(batch.size());
        Runner runner = borrow();
        try {
            for (int start = 0; start < batch.size(); start += DEFAULT_BATCH) {
                int end = Math.min(batch.size(), start + DEFAULT_BATCH);
                runner.run(batch.subList(start, end), out);
            }
        } finally {
            pool.push(runner);
        }
        return out;
    }

    /**
     * Classifies a stream of raw texts lazily, with bounded memory: texts are read, preprocessed
     * and classified {@code batchSize} at a time, so at most {@code batchSize} texts and their
     * predictions are held, whatever the stream's length. The result is sequential and ordered
     * like the input; closing it closes the input stream.
     *
     * @param texts     raw texts (null elements are an error, reported with their position)
     * @param batchSize texts per forward pass, at least 1
     * @return the predictions, in order
     */
    public Stream<Prediction> predictTexts(Stream<String> texts, int batchSize) {
        Objects.requireNonNull(texts, "texts must not be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        Iterator<String> source = texts.iterator();
        Iterator<Prediction> batches = new Iterator<>() {
            private final List<String[]> pending = new ArrayList<>(batchSize);
            private final List<Prediction> ready = new ArrayList<>(batchSize);
            private int next;
            private long position;

            @Override
            public boolean hasNext() {
                if (next < ready.size()) {
                    return true;
                }
                ready.clear();
                next = 0;
                pending.clear();
                while (pending.size() < batchSize && source.hasNext()) {
                    String text = source.next();
                    if (text == null) {
                        throw new IllegalArgumentException("text " + position + " of the stream is null");
                    }
                    position++;
                    pending.add(preprocessor.tokenize(text));
                }
                if (pending.isEmpty()) {
                    return false;
                }
                ready.addAll(predictAll(pending));
                return true;
            }

            @Override
            public Prediction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches,
            Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(texts::close);
    }

    /**
     * Number of network copies currently idle in the pool (for tests of the pooling).
     *
     * @return the pool size
     */
    int idleCopies() {
        return pool.size();
    }

    /** The trained network, never run directly; for tests and the trainer. */
    Model network() {
        return trained;
    }

    private Runner borrow() {
        Runner r = pool.poll();
        return r != null ? r : new Runner(trained.copy());
    }

    /** One network copy and the input buffers of one batch. */
    private final class Runner {
        private final Model model;
        private final int[] ids = new int[inputLength];
        private float[] input = new float[0];

        Runner(Model model) {
            this.model = model;
        }

        void run(List<String[]> batch, List<Prediction> out) {
            int n = batch.size();
            if (input.length < n * inputLength) {
                input = new float[n * inputLength];
            }
            for (int i = 0; i < n; i++) {
                String[] tokens = batch.get(i);
                if (tokens == null) {
                    throw new IllegalArgumentException("token sequence " + i + " of the batch is null");
                }
                java.util.Arrays.fill(ids, Vocabulary.PAD_ID);
                vocabulary.encode(tokens, encoding, ids, 0);
                for (int t = 0; t < inputLength; t++) {
                    input[i * inputLength + t] = ids[t];
                }
            }
            Tensor x = Tensor.wrap(input, n, inputLength);
            Tensor logits = model.forward(false, x);
            int k = labels.size();
            float[] z = logits.data();
            for (int i = 0; i < n; i++) {
                double[] p = softmax(z, i * k, k);
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                out.add(new Prediction(best, labels.get(best), p));
            }
        }
    }

    /** Softmax of {@code k} logits from {@code offset}, in double precision, stabilised by the max. */
    static double[] softmax(float[] z, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[offset + c]);
        }
        double[] p = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(z[offset + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The encoding a classifier with this architecture and token cap uses. */
    static SequenceEncoding encodingFor(KimCnn architecture, int maxTokens) {
        return new SequenceEncoding(PaddingMode.SYMMETRIC, architecture.widestFilter(), maxTokens);
    }
}
