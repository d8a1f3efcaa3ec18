package org.convkit.text.cnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.io.ConvkitJson;
import org.convkit.nn.Model;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;
import org.convkit.text.LabeledTokens;
import org.convkit.text.vocab.SequenceEncoding;
import org.convkit.text.vocab.Vocabulary;
import org.convkit.train.ArrayDataset;
import org.convkit.train.EarlyStopping;
import org.convkit.train.EpochResult;
import org.convkit.train.GradientClipping;
import org.convkit.train.MaxNorm;
import org.convkit.train.Trainer;
import org.convkit.train.TrainerSettings;
import org.convkit.train.TrainingCallback;
import org.convkit.train.TrainingHistory;

/**
 * Trains a {@link KimCnn} on preprocessed, labelled token sequences: builds the vocabulary from
 * the training tokens, fixes the input length, initialises the word vectors as the embedding mode
 * says, and runs mini-batch Adadelta with max-norm on the softmax weights and early stopping on a
 * validation split (Kim 2014, section 3).
 */
public final class KimCnnTrainer {

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    private KimCnnTrainer() {
    }

    /**
     * What training produced.
     *
     * @param classifier the trained classifier (parameters of the best validation epoch)
     * @param history    per-epoch losses and accuracies, the best epoch and why training stopped
     */
    public record Result(KimClassifier classifier, TrainingHistory history) {
    }

    /**
     * The vocabulary training will use, built from the training tokens with the settings' cut-off;
     * read pretrained vectors for its {@link Vocabulary#words()} before training.
     *
     * @param train    training examples
     * @param settings training settings
     * @return the vocabulary
     */
    public static Vocabulary vocabulary(List<LabeledTokens> train, KimTrainingSettings settings) {
        Objects.requireNonNull(train, "train must not be null");
        return Vocabulary.build(() -> train.stream().map(LabeledTokens::tokens).iterator(), settings.vocabulary());
    }

    /**
     * Trains a classifier.
     *
     * @param train        training examples, tokens made with {@code settings.preprocessor()}; at
     *                     least two labels
     * @param validation   examples for early stopping, or null to hold out
     *                     {@code settings.validationFraction()} of {@code train}, stratified by label
     * @param architecture the network settings
     * @param settings     the training settings
     * @param vectors      pretrained vectors read for at least the training vocabulary (see
     *                     {@link #vocabulary}); required unless the mode is {@link EmbeddingMode#RAND},
     *                     where it must be null. Their dimension must equal
     *                     {@code architecture.embeddingDim()}
     * @param provenance   facts about the data to store with the model (files, checksums), or null
     * @param callbacks    progress reporting, e.g. {@code ProgressPrinter.auto(System.err)}
     * @return the classifier and the training history
     * @throws IllegalArgumentException if the data, vectors and settings do not fit together,
     *                                  naming what is wrong
     */
    public static Result train(List<LabeledTokens> train, List<LabeledTokens> validation, KimCnn architecture,
                               KimTrainingSettings settings, WordVectors vectors, ObjectNode provenance,
                               TrainingCallback... callbacks) {
        Objects.requireNonNull(architecture, "architecture must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        checkExamples(train, "training");
        if (architecture.mode().usesPretrained()) {
            if (vectors == null) {
                throw new IllegalArgumentException(architecture.mode().displayName()
                    + " needs pretrained word vectors; none were given");
            }
            if (vectors.dimension() != architecture.embeddingDim()) {
                throw new IllegalArgumentException("the pretrained vectors have dimension " + vectors.dimension()
                    + " but the network's embeddingDim is " + architecture.embeddingDim());
            }
        } else if (vectors != null) {
            throw new IllegalArgumentException("CNN-rand uses no pretrained vectors; pass null");
        }

        List<String> labels = sortedLabels(train);
        List<LabeledTokens> fit = train;
        List<LabeledTokens> dev = validation;
        if (dev == null) {
            List<List<LabeledTokens>> split = stratifiedSplit(train, labels, settings.validationFraction(),
                settings.seed());
            fit = split.get(0);
            dev = split.get(1);
        } else {
            checkExamples(dev, "validation");
            for (int i = 0; i < dev.size(); i++) {
                if (!labels.contains(dev.get(i).label())) {
                    throw new IllegalArgumentException("validation example " + i + " has label \""
                        + dev.get(i).label() + "\" which no training example has; training labels are " + labels);
                }
            }
        }
        if (fit.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("too few training examples (" + train.size()
                + ") to hold out a validation split");
        }

        // Vocabulary and length come from all of the training data, held-out part included, so
        // that the vectors a caller read for vocabulary(train, settings) cover every row.
        Vocabulary vocabulary = vocabulary(train, settings);
        int longest = 0;
        for (LabeledTokens e : train) {
            longest = Math.max(longest, e.tokens().length);
        }
        int maxTokens = Math.max(1, settings.maxTokens() == 0 ? longest : Math.min(settings.maxTokens(), longest));
        SequenceEncoding encoding = KimClassifier.encodingFor(architecture, maxTokens);
        int inputLength = encoding.encodedLength(maxTokens);

        Model model = Model.create(architecture.spec(vocabulary.size(), inputLength, labels.size()), settings.seed());
        ObjectNode metadata = KimClassifier.metadata(architecture, settings, vocabulary, labels, encoding);
        ObjectNode embeddings = metadata.putObject("embeddings");
        embeddings.put("mode", architecture.mode().cliName());
        embeddings.put("rows", vocabulary.size());
        embeddings.put("dim", architecture.embeddingDim());
        if (architecture.mode().usesPretrained()) {
            // A stream separate from the model's own, so the random rows do not depend on layer names.
            PretrainedEmbeddings table = PretrainedEmbeddings.build(vocabulary, vectors, settings.seed() ^ 0x5EEDL);
            Tensor weights = Tensor.wrap(table.weights(), table.vocabSize(), table.dim());
            model.setParameter(KimCnn.EMBEDDING + ".weight", weights);
            if (architecture.mode() == EmbeddingMode.MULTICHANNEL) {
                model.setParameter(KimCnn.STATIC_EMBEDDING + ".weight", weights);
            }
            embeddings.put("pretrained_found", table.found());
            embeddings.put("pretrained_coverage", table.coverage());
            embeddings.put("random_bound", table.randomBound());
        } else {
            embeddings.put("random_bound", 0.25);
        }

        ArrayDataset fitData = dataset(fit, vocabulary, encoding, inputLength, labels);
        ArrayDataset devData = dataset(dev, vocabulary, encoding, inputLength, labels);
        EarlyStopping stopping = new EarlyStopping(settings.monitor(), settings.patience(), 0, true);
        TrainerSettings trainerSettings = new TrainerSettings(settings.epochs(), settings.batchSize(), settings.seed(),
            GradientClipping.none(), stopping, 1);
        int[] counts = new int[labels.size()];
        for (LabeledTokens e : fit) {
            counts[labels.indexOf(e.label())]++;
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(settings.classWeighting().weights(counts), 0);
        Trainer trainer = new Trainer(model, loss, settings.optimizer().create(), trainerSettings)
            .addConstraint(MaxNorm.of(architecture.maxNorm(), KimCnn.maxNormParameter()));
        for (TrainingCallback c : callbacks) {
            trainer.addCallback(c);
        }
        TrainingHistory history = trainer.fit(fitData, devData);

        metadata.set("history", historyJson(history, fit.size(), dev.size(), validation == null));
        if (provenance != null) {
            metadata.set("provenance", provenance.deepCopy());
        }
        return new Result(new KimClassifier(model, architecture, settings, vocabulary, labels, encoding, metadata),
            history);
    }

    private static ObjectNode historyJson(TrainingHistory history, int fitSize, int devSize, boolean heldOut) {
        ObjectNode h = JSON.createObjectNode();
        h.put("train_examples", fitSize);
        h.put("validation_examples", devSize);
        h.put("validation", heldOut ? "held out from the training data" : "given");
        h.put("best_epoch", history.bestEpoch());
        h.put("stop_reason", history.stopReason().name());
        h.put("seconds", history.seconds());
        ArrayNode epochs = h.putArray("epochs");
        for (EpochResult r : history.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", r.epoch());
            e.put("train_loss", r.trainLoss());
            e.put("validation_accuracy", r.validationAccuracy());
            e.put("validation_loss", r.validationLoss());
        }
        return h;
    }

    /** Encodes examples into a data set of padded id sequences. */
    static ArrayDataset dataset(List<LabeledTokens> examples, Vocabulary vocabulary, SequenceEncoding encoding,
                                int inputLength, List<String> labels) {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        float[] inputs = new float[Math.multiplyExact(examples.size(), inputLength)];
        int[] targets = new int[examples.size()];
        int[] ids = new int[inputLength];
        for (int i = 0; i < examples.size(); i++) {
            LabeledTokens e = examples.get(i);
            java.util.Arrays.fill(ids, Vocabulary.PAD_ID);
            vocabulary.encode(e.tokens(), encoding, ids, 0);
            for (int t = 0; t < inputLength; t++) {
                inputs[i * inputLength + t] = ids[t];
            }
            targets[i] = index.get(e.label());
        }
        return new ArrayDataset(Shape.of(inputLength), inputs, targets, labels);
    }

    /**
     * Splits examples into (train, validation), taking {@code round(fraction * n_c)} examples of
     * each label c (at least one when the label has two or more) into validation, chosen by a
     * seeded shuffle; both parts keep the input order.
     */
    static List<List<LabeledTokens>> stratifiedSplit(List<LabeledTokens> examples, List<String> labels,
                                                     double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] held = new boolean[examples.size()];
        for (String label : labels) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).label().equals(label)) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                Collections.swap(members, i, random.nextInt(i + 1));
            }
            int take = (int) Math.round(fraction * members.size());
            if (take == 0 && members.size() >= 2) {
                take = 1;
            }
            for (int i = 0; i < take; i++) {
                held[members.get(i)] = true;
            }
        }
        List<LabeledTokens> fit = new ArrayList<>();
        List<LabeledTokens> dev = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (held[i] ? dev : fit).add(examples.get(i));
        }
        return List.of(fit, dev);
    }

    private static void checkExamples(List<LabeledTokens> examples, String what) {
        Objects.requireNonNull(examples, what + " examples must not be null");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " examples");
        }
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i) == null) {
                throw new IllegalArgumentException(what + " example " + i + " is null");
            }
        }
    }

    private static List<String> sortedLabels(List<LabeledTokens> train) {
        java.util.TreeSet<String> set = new java.util.TreeSet<>();
        for (LabeledTokens e : train) {
            set.add(e.label());
        }
        if (set.size() < 2) {
            throw new IllegalArgumentException("training examples need at least 2 distinct labels, got " + set);
        }
        return List.copyOf(set);
    }
}
