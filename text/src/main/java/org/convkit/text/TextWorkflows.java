package org.convkit.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.corpora.Split;
import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.io.ConvkitJson;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimClassifier;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.KimCnnTrainer;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.data.LabeledTexts;
import org.convkit.text.data.TextDataFormat;
import org.convkit.text.eval.ClassificationMetrics;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.preprocess.TextPreprocessorRuntime;
import org.convkit.train.ProgressPrinter;

/**
 * The {@code convkit text train | eval | predict} operations as plain Java methods, so the
 * command-line tool and programs share one implementation.
 */
public final class TextWorkflows {

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    private TextWorkflows() {
    }

    /**
     * What {@link #train} does.
     *
     * @param trainFile        labelled training text
     * @param format           its format (and the test file's)
     * @param out              where the model is saved (atomically)
     * @param testFile         labelled test text scored after training and recorded in the model's
     *                         metrics, or null
     * @param embeddings       pretrained vectors file, or null (required unless mode is rand)
     * @param embeddingsFormat the vectors' format, or null to guess from the file name
     *                         ({@code .bin}: word2vec binary, {@code .vec}: fastText, else GloVe text)
     * @param architecture     the network (its embedding dimension is replaced by the vectors'
     *                         dimension in the pretrained modes)
     * @param settings         the training settings
     */
    public record TrainRequest(Path trainFile, TextDataFormat format, Path out, Path testFile, Path embeddings,
                               WordVectorReader.Format embeddingsFormat, KimCnn architecture,
                               KimTrainingSettings settings) {

        /** Checks the required parts. */
        public TrainRequest {
            Objects.requireNonNull(trainFile, "trainFile must not be null");
            Objects.requireNonNull(format, "format must not be null");
            Objects.requireNonNull(out, "out must not be null");
            Objects.requireNonNull(architecture, "architecture must not be null");
            Objects.requireNonNull(settings, "settings must not be null");
            if (architecture.mode().usesPretrained() && embeddings == null) {
                throw new IllegalArgumentException(architecture.mode().displayName()
                    + " needs pretrained vectors (--embeddings FILE); use --mode rand without them");
            }
        }

        /**
         * Kim's network and training for a mode, with an epoch budget and seed.
         *
         * @param trainFile  training file
         * @param format     its format
         * @param out        model destination
         * @param testFile   test file or null
         * @param embeddings vectors or null
         * @param mode       embedding mode
         * @param epochs     maximum epochs
         * @param seed       seed
         * @return the request
         */
        public static TrainRequest kim(Path trainFile, TextDataFormat format, Path out, Path testFile, Path embeddings,
                                       EmbeddingMode mode, int epochs, long seed) {
            return new TrainRequest(trainFile, format, out, testFile, embeddings, null, KimCnn.kim2014(mode),
                KimTrainingSettings.kim2014(seed).withEpochs(epochs));
        }
    }

    /**
     * Guesses a vectors file's format from its name.
     *
     * @param file the file
     * @return word2vec binary for {@code .bin}, fastText for {@code .vec}, else GloVe text
     */
    public static WordVectorReader.Format guessVectorFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bin") || name.endsWith(".bin.gz")) {
            return WordVectorReader.Format.WORD2VEC_BINARY;
        }
        if (name.endsWith(".vec") || name.endsWith(".vec.gz")) {
            return WordVectorReader.Format.FASTTEXT_VEC;
        }
        return WordVectorReader.Format.GLOVE_TEXT;
    }

    /**
     * Trains a Kim CNN from files, scores it on the test file if one is given, and saves it.
     *
     * @param request what to train
     * @param log     progress and coverage messages
     * @return the trained classifier (already saved to {@code request.out()})
     * @throws IOException if a file cannot be read or the model cannot be written
     */
    public static KimClassifier train(TrainRequest request, PrintStream log) throws IOException {
        TextPreprocessorRuntime preprocessor = new TextPreprocessorRuntime(request.settings().preprocessor());
        List<LabeledTokens> train = LabeledTexts.tokenize(request.format().read(request.trainFile(), Split.TRAIN),
            preprocessor);
        KimCnn architecture = request.architecture();
        WordVectors vectors = null;
        if (architecture.mode().usesPretrained()) {
            WordVectorReader.Format vf = request.embeddingsFormat() != null ? request.embeddingsFormat()
                : guessVectorFormat(request.embeddings());
            vectors = WordVectorReader.read(request.embeddings(), vf,
                KimCnnTrainer.vocabulary(train, request.settings()).words());
            log.println("pretrained vectors: " + vectors.coverageSummary());
            architecture = architecture.withEmbeddingDim(vectors.dimension());
        }
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("train_file", request.trainFile().toAbsolutePath().toString());
        provenance.put("format", request.format().name());
        if (request.embeddings() != null) {
            provenance.put("embeddings", request.embeddings().toAbsolutePath().toString());
        }
        if (request.testFile() != null) {
            provenance.put("test_file", request.testFile().toAbsolutePath().toString());
        }
        KimCnnTrainer.Result result = KimCnnTrainer.train(train, null, architecture, request.settings(), vectors,
            provenance, ProgressPrinter.auto(log));
        KimClassifier classifier = result.classifier();
        if (request.testFile() != null) {
            ClassificationReport report = evaluate(classifier, request.testFile(), request.format());
            classifier.recordMetrics("test", report);
            log.printf(Locale.ROOT, "test: accuracy %.4f, macro-F1 %.4f%n", report.accuracy(), report.macroF1());
        }
        classifier.save(request.out());
        return classifier;
    }

    /**
     * Scores a saved model on a labelled file, preprocessing the text as the model was trained.
     *
     * @param model  the model file
     * @param data   labelled text
     * @param format its format
     * @return accuracy, macro-F1, per-class figures and confusion matrix
     * @throws IOException if a file cannot be read
     */
    public static ClassificationReport evaluate(Path model, Path data, TextDataFormat format) throws IOException {
        return evaluate(KimClassifier.load(model), data, format);
    }

    /**
     * Scores a classifier on a labelled file.
     *
     * @param classifier the classifier
     * @param data       labelled text
     * @param format     its format
     * @return the report
     * @throws IllegalArgumentException if a label of the file is unknown to the model, naming it
     */
    public static ClassificationReport evaluate(KimClassifier classifier, Path data, TextDataFormat format) {
        TextPreprocessorRuntime preprocessor = new TextPreprocessorRuntime(classifier.preprocessor());
        return ClassificationMetrics.evaluate(classifier,
            LabeledTexts.tokenize(format.read(data, Split.TEST), preprocessor));
    }

    /**
     * The evaluation report as a JSON object with keys {@code accuracy}, {@code macro_f1},
     * {@code per_class} (label to precision, recall, f1, support), {@code confusion} and
     * {@code labels}.
     *
     * @param report the report
     * @return compact JSON
     */
    public static String toJson(ClassificationReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a classification report", e);
        }
    }

    /**
     * Classifies one text per input line, streaming with bounded memory (texts are classified
     * {@link KimClassifier#DEFAULT_BATCH} at a time). Each output line is {@code label<TAB>p} with p
     * the label's probability, or with {@code json} an object
     * {@code {"label": ..., "probabilities": {label: p, ...}}}. An empty line is classified as an
     * empty text.
     *
     * @param classifier the classifier
     * @param in         one text per line
     * @param out        one prediction per line
     * @param json       JSON lines instead of tab-separated text
     * @return the number of lines classified
     */
    public static long predict(KimClassifier classifier, BufferedReader in, PrintStream out, boolean json) {
        long[] count = {0};
        List<String> labels = classifier.labels();
        try (Stream<Prediction> predictions = classifier.predictTexts(in.lines(), KimClassifier.DEFAULT_BATCH)) {
            predictions.forEach(p -> {
                if (json) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("label", p.label());
                    ObjectNode probabilities = line.putObject("probabilities");
                    for (int i = 0; i < labels.size(); i++) {
                        probabilities.put(labels.get(i), p.probabilities()[i]);
                    }
                    out.println(line);
                } else {
                    out.println(p.label() + "\t" + String.format(Locale.ROOT, "%.6f", p.probabilities()[p.labelIndex()]));
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read the texts to classify", e.getCause());
        }
        return count[0];
    }
}
