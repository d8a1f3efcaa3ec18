package org.convkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.convkit.text.cnn.ClassWeighting;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimClassifier;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.data.TextDataFormat;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.vocab.VocabularyOptions;
import org.convkit.train.AdadeltaSettings;
import org.convkit.train.EarlyStopping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextWorkflowsTest {

    @TempDir
    Path dir;

    private static List<String> lines(int n, int offset) {
        String[][] words = {{"Soup", "bread", "garlic", "oven"}, {"Goal", "match", "referee", "coach"}};
        String[] labels = {"food", "sport"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = i % 2;
            // Each label cycles through all 16 pairs of its words.
            int j = i / 2 + offset;
            out.add(labels[t] + "\t" + words[t][j % 4] + " was so " + words[t][(j / 4) % 4].toLowerCase() + "!");
        }
        return out;
    }

    @Test
    void trainEvaluateAndPredictFromFiles() throws Exception {
        Path train = dir.resolve("train.tsv");
        Path test = dir.resolve("test.tsv");
        Files.write(train, lines(160, 0), StandardCharsets.UTF_8);
        Files.write(test, lines(20, 3), StandardCharsets.UTF_8);
        Path model = dir.resolve("m.convkit");
        KimCnn cnn = new KimCnn(List.of(1, 2), 4, 6, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 3);
        KimTrainingSettings settings = new KimTrainingSettings(TextPreprocessor.kim(), VocabularyOptions.defaults(), 0,
            30, 10, AdadeltaSettings.kim2014(), 0.2, EarlyStopping.Monitor.VALIDATION_LOSS, 0, ClassWeighting.NONE, 2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        KimClassifier trained = TextWorkflows.train(new TextWorkflows.TrainRequest(train, TextDataFormat.TSV, model,
            test, null, null, cnn, settings), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(model));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("test: accuracy"));

        ClassificationReport report = TextWorkflows.evaluate(model, test, TextDataFormat.TSV);
        assertTrue(report.accuracy() >= 0.9, "accuracy " + report.accuracy());
        JsonNode json = new ObjectMapper().readTree(TextWorkflows.toJson(report));
        for (String key : List.of("accuracy", "macro_f1", "per_class", "confusion")) {
            assertTrue(json.has(key), "eval JSON lacks " + key);
        }
        assertTrue(json.get("per_class").get("sport").has("precision"));
        assertEquals(20, json.get("per_class").get("food").get("support").asInt()
            + json.get("per_class").get("sport").get("support").asInt());
        assertEquals(report.accuracy(), KimClassifier.load(model).metadata().get("metrics").get("test")
            .get("accuracy").asDouble(), 1e-12);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = TextWorkflows.predict(trained, new BufferedReader(new StringReader("The referee!\n\nGarlic soup\n")),
            new PrintStream(out, true, StandardCharsets.UTF_8), true);
        assertEquals(3, n);
        String[] predicted = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, predicted.length);
        JsonNode first = new ObjectMapper().readTree(predicted[0]);
        assertEquals(trained.predict("The referee!").label(), first.get("label").asText());
        assertEquals(1.0, first.get("probabilities").get("food").asDouble()
            + first.get("probabilities").get("sport").asDouble(), 1e-9);
    }

    @Test
    void pretrainedModeWithoutVectorsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextWorkflows.TrainRequest.kim(
            dir.resolve("t.tsv"), TextDataFormat.TSV, dir.resolve("m"), null, null, EmbeddingMode.STATIC, 1, 1));
        assertTrue(e.getMessage().contains("--embeddings"), e.getMessage());
    }
}
