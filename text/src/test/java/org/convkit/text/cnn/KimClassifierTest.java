package org.convkit.text.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.io.ModelFile;
import org.convkit.nn.Model;
import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.eval.ClassificationMetrics;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.vocab.Vocabulary;
import org.convkit.zoo.ReferenceNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KimClassifierTest {

    static final List<LabeledTokens> TRAIN = TinyTopics.examples(160, 1);
    static final List<LabeledTokens> TEST = TinyTopics.examples(60, 2);
    static KimCnnTrainer.Result trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        trained = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.RAND),
            TinyTopics.tinyTraining(12, 3), null, null);
    }

    @Test
    void learnsTheTinyTopicsAndScoresHeldOutData() {
        KimClassifier c = trained.classifier();
        assertEquals(List.of("food", "sport"), c.labels());
        ClassificationReport report = ClassificationMetrics.evaluate(c, TEST);
        System.out.printf("tiny CNN-rand held-out: accuracy %.4f, macro-F1 %.4f after %d epochs (best %d)%n",
            report.accuracy(), report.macroF1(), trained.history().epochs().size(), trained.history().bestEpoch());
        assertTrue(report.accuracy() >= 0.9, "held-out accuracy " + report.accuracy());
        // Input length: the longest training sentence (8 tokens at most) plus 2 (3 - 1) padding.
        int longest = TRAIN.stream().mapToInt(e -> e.tokens().length).max().orElseThrow();
        assertEquals(longest, c.maxTokens());
        assertEquals(longest + 4, c.inputLength());
    }

    @Test
    void savedModelReloadsAndGivesIdenticalScores() throws Exception {
        KimClassifier c = trained.classifier();
        c.recordMetrics("test", ClassificationMetrics.evaluate(c, TEST));
        Path file = dir.resolve("tiny.convkit");
        c.save(file);
        KimClassifier loaded = KimClassifier.load(file);
        assertEquals(c.labels(), loaded.labels());
        assertEquals(c.vocabulary().words(), loaded.vocabulary().words());
        assertEquals(c.encoding(), loaded.encoding());
        assertEquals(c.architecture(), loaded.architecture());
        assertEquals(c.training(), loaded.training());
        for (LabeledTokens e : TEST) {
            assertArrayEquals(c.predict(e.tokens()).probabilities(), loaded.predict(e.tokens()).probabilities());
        }
        ObjectNode m = loaded.metadata();
        for (String key : List.of("kind", "convkit_version", "labels", "kim_cnn", "training", "preprocessor",
            "encoding", "vocabulary", "metrics", "embeddings", "history")) {
            assertTrue(m.has(key), "metadata lacks " + key);
        }
        assertTrue(m.get("metrics").has("test"));
        assertEquals(3, m.get("training").get("seed").asLong());
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains(".tmp")),
            "no temporary file is left behind");
    }

    @Test
    void sameSeedGivesTheSameModel() {
        KimCnnTrainer.Result again = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.RAND),
            TinyTopics.tinyTraining(2, 3), null, null);
        KimCnnTrainer.Result twice = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.RAND),
            TinyTopics.tinyTraining(2, 3), null, null);
        for (LabeledTokens e : TEST.subList(0, 10)) {
            assertArrayEquals(again.classifier().predict(e.tokens()).probabilities(),
                twice.classifier().predict(e.tokens()).probabilities());
        }
    }

    @Test
    void emptyUnknownAndOverlongTextsAllGetPredictions() {
        KimClassifier c = trained.classifier();
        for (Prediction p : List.of(c.predict(""), c.predict("   "), c.predict(new String[0]),
            c.predict("%%% ### ..."), c.predict(new String[] {"zzz", "qqq", "xyzzy"}))) {
            assertEquals(1.0, Arrays.stream(p.probabilities()).sum(), 1e-9);
            assertEquals(c.labels().get(p.labelIndex()), p.label());
        }
        // Empty text is all padding: the same ids whatever the whitespace.
        assertArrayEquals(c.predict("").probabilities(), c.predict(new String[0]).probabilities());
        // Tokens past maxTokens are ignored: a text 10x longer than any training text is scored on
        // its first maxTokens tokens.
        String[] longText = new String[c.maxTokens() * 10];
        for (int i = 0; i < longText.length; i++) {
            longText[i] = i < c.maxTokens() ? "goal" : "soup";
        }
        Prediction p = c.predict(longText);
        assertArrayEquals(c.predict(Arrays.copyOf(longText, c.maxTokens())).probabilities(), p.probabilities());
        assertEquals("sport", p.label());
    }

    @Test
    void rawTextGoesThroughTheModelsPreprocessing() {
        KimClassifier c = trained.classifier();
        assertArrayEquals(c.predict(new String[] {"the", "referee", "was", "so", "good", "!"}).probabilities(),
            c.predict("The REFEREE was so good!").probabilities());
        assertArrayEquals(c.predict("The REFEREE was so good!").probabilities(),
            c.predictTokenized(new String[] {"The", "REFEREE", "was", "so", "good!"}).probabilities());
    }

    @Test
    void streamedBatchPredictionMatchesSinglePredictionsInOrder() {
        KimClassifier c = trained.classifier();
        List<String> texts = new ArrayList<>();
        for (LabeledTokens e : TEST) {
            texts.add(String.join(" ", e.tokens()));
        }
        texts.add("");
        List<Prediction> streamed;
        try (Stream<Prediction> s = c.predictTexts(texts.stream(), 7)) {
            streamed = s.toList();
        }
        assertEquals(texts.size(), streamed.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(c.predict(texts.get(i)).probabilities(), streamed.get(i).probabilities(), 1e-6,
                "text " + i);
            assertEquals(c.predict(texts.get(i)).label(), streamed.get(i).label());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> c.predictTexts(Stream.of("a", null), 4).toList());
        assertTrue(e.getMessage().contains("text 1"), e.getMessage());
    }

    @Test
    void pretrainedModesKeepFixedTablesFixedAndTuneTheOthers() throws Exception {
        KimTrainingSettings settings = TinyTopics.tinyTraining(3, 4);
        Vocabulary vocabulary = KimCnnTrainer.vocabulary(TRAIN, settings);
        WordVectors vectors = TinyTopics.vectors(dir, vocabulary.words());
        float[] initial = PretrainedEmbeddings.build(vocabulary, vectors, settings.seed() ^ 0x5EEDL).weights();

        Model multi = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.MULTICHANNEL), settings,
            vectors, null).classifier().network();
        assertArrayEquals(initial, multi.parameter(KimCnn.STATIC_EMBEDDING + ".weight").value().toArray());
        float[] tuned = multi.parameter(KimCnn.EMBEDDING + ".weight").value().toArray();
        assertFalse(Arrays.equals(initial, tuned), "the non-static channel must change in training");
        assertArrayEquals(new float[8], Arrays.copyOf(tuned, 8), "padding row stays zero");

        Model fixed = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.STATIC), settings,
            vectors, null).classifier().network();
        assertArrayEquals(initial, fixed.parameter(KimCnn.EMBEDDING + ".weight").value().toArray());

        Model nonStatic = KimCnnTrainer.train(TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.NON_STATIC), settings,
            vectors, null).classifier().network();
        assertNotEquals(Arrays.toString(initial),
            Arrays.toString(nonStatic.parameter(KimCnn.EMBEDDING + ".weight").value().toArray()));
    }

    @Test
    void maxNormBoundsEveryOutputRow() {
        KimCnn strict = new KimCnn(List.of(2, 3), 6, 8, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 0.05);
        Model m = KimCnnTrainer.train(TRAIN, null, strict, TinyTopics.tinyTraining(2, 5), null, null)
            .classifier().network();
        float[] w = m.parameter(KimCnn.maxNormParameter()).value().toArray();
        int cols = w.length / 2;
        for (int r = 0; r < 2; r++) {
            double ss = 0;
            for (int j = 0; j < cols; j++) {
                ss += w[r * cols + j] * w[r * cols + j];
            }
            assertTrue(Math.sqrt(ss) <= 0.05 + 1e-6, "row " + r + " norm " + Math.sqrt(ss));
        }
    }

    @Test
    void rejectsMismatchedVectorsAndModes() throws Exception {
        KimTrainingSettings settings = TinyTopics.tinyTraining(1, 4);
        WordVectors vectors = TinyTopics.vectors(dir, KimCnnTrainer.vocabulary(TRAIN, settings).words());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> KimCnnTrainer.train(
            TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.STATIC), settings, null, null));
        assertTrue(none.getMessage().contains("needs pretrained word vectors"), none.getMessage());
        IllegalArgumentException rand = assertThrows(IllegalArgumentException.class, () -> KimCnnTrainer.train(
            TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.RAND), settings, vectors, null));
        assertTrue(rand.getMessage().contains("CNN-rand"), rand.getMessage());
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> KimCnnTrainer.train(
            TRAIN, null, TinyTopics.tinyNetwork(EmbeddingMode.STATIC).withEmbeddingDim(5), settings, vectors, null));
        assertTrue(dim.getMessage().contains("dimension 8"), dim.getMessage());
        IllegalArgumentException oneLabel = assertThrows(IllegalArgumentException.class, () -> KimCnnTrainer.train(
            TRAIN.stream().filter(e -> e.label().equals("food")).toList(), null,
            TinyTopics.tinyNetwork(EmbeddingMode.RAND), settings, null, null));
        assertTrue(oneLabel.getMessage().contains("at least 2 distinct labels"), oneLabel.getMessage());
        IllegalArgumentException unknownDev = assertThrows(IllegalArgumentException.class, () -> KimCnnTrainer.train(
            TRAIN, List.of(new LabeledTokens(new String[] {"x"}, "weather")),
            TinyTopics.tinyNetwork(EmbeddingMode.RAND), settings, null, null));
        assertTrue(unknownDev.getMessage().contains("weather"), unknownDev.getMessage());
    }

    @Test
    void loadingAModelThatIsNotATextModelFailsClearly() throws Exception {
        Path file = dir.resolve("other.convkit");
        ModelFile.save(file, Model.create(ReferenceNetworks.kimCnn("x", 10, 4, 6, new int[] {2, 3}, 2, 2), 1), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KimClassifier.load(file));
        assertTrue(e.getMessage().contains("not a convkit text model"), e.getMessage());
    }

    @Test
    void stratifiedValidationSplitKeepsEveryLabel() {
        List<LabeledTokens> examples = new ArrayList<>(TinyTopics.examples(40, 9));
        examples.add(new LabeledTokens(new String[] {"rare"}, "rare"));
        examples.add(new LabeledTokens(new String[] {"rare"}, "rare"));
        List<List<LabeledTokens>> split = KimCnnTrainer.stratifiedSplit(examples, List.of("food", "rare", "sport"),
            0.1, 1);
        // round(0.1 * 20) = 2 of each topic, and max(1, round(0.2)) = 1 of the two "rare".
        assertEquals(5, split.get(1).size());
        assertEquals(37, split.get(0).size());
        assertEquals(1, split.get(1).stream().filter(e -> e.label().equals("rare")).count());
        assertEquals(2, split.get(1).stream().filter(e -> e.label().equals("food")).count());
    }
}
