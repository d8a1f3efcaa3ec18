package org.convkit.text.cnn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.text.LabeledTokens;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.vocab.VocabularyOptions;
import org.convkit.train.AdadeltaSettings;
import org.convkit.train.EarlyStopping;

/**
 * A tiny seeded two-topic task for fast CNN tests: each raw sentence has one or two topic words
 * among three to six shared fillers, so a one-word window decides the label; plus helpers for a
 * tiny network and tiny pretrained vectors.
 */
final class TinyTopics {

    static final String[] LABELS = {"food", "sport"};
    static final String[][] TOPIC_WORDS = {
        {"soup", "bread", "garlic", "oven", "dessert", "recipe"},
        {"goal", "match", "referee", "league", "coach", "penalty"}};
    static final String[] FILLERS = {"the", "a", "was", "really", "quite", "and", "so", "it", "that", "today"};

    private TinyTopics() {
    }

    /** Raw sentences, alternating labels. */
    static List<String[]> rawSentences(int n, long seed, List<String> labelsOut) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int topic = i % 2;
            List<String> words = new ArrayList<>();
            int fillers = 3 + random.nextInt(4);
            for (int f = 0; f < fillers; f++) {
                words.add(FILLERS[random.nextInt(FILLERS.length)]);
            }
            int topical = 1 + random.nextInt(2);
            for (int t = 0; t < topical; t++) {
                words.add(random.nextInt(words.size() + 1), TOPIC_WORDS[topic][random.nextInt(TOPIC_WORDS[topic].length)]);
            }
            out.add(words.toArray(new String[0]));
            labelsOut.add(LABELS[topic]);
        }
        return out;
    }

    static List<LabeledTokens> examples(int n, long seed) {
        List<String> labels = new ArrayList<>();
        List<String[]> sentences = rawSentences(n, seed, labels);
        List<LabeledTokens> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new LabeledTokens(sentences.get(i), labels.get(i)));
        }
        return out;
    }

    /** Raw text lines "label<TAB>Sentence." with capitals and punctuation for the preprocessor. */
    static List<String> tsvLines(int n, long seed) {
        List<String> labels = new ArrayList<>();
        List<String[]> sentences = rawSentences(n, seed, labels);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = String.join(" ", sentences.get(i));
            lines.add(labels.get(i) + "\t" + Character.toUpperCase(text.charAt(0)) + text.substring(1) + "!");
        }
        return lines;
    }

    static KimCnn tinyNetwork(EmbeddingMode mode) {
        return new KimCnn(List.of(2, 3), 6, 8, mode, KimCnn.Activation.RELU, 0.5, 3.0);
    }

    static KimTrainingSettings tinyTraining(int epochs, long seed) {
        return new KimTrainingSettings(TextPreprocessor.kim(), VocabularyOptions.defaults(), 0, epochs, 10,
            AdadeltaSettings.kim2014(), 0.2, EarlyStopping.Monitor.VALIDATION_LOSS, 0, ClassWeighting.NONE, seed);
    }

    /** Writes 8-d GloVe-text vectors for the topic words (not the fillers) and reads them back. */
    static WordVectors vectors(Path dir, List<String> vocabulary) throws java.io.IOException {
        StringBuilder s = new StringBuilder();
        SplittableRandom random = new SplittableRandom(5);
        for (int topic = 0; topic < 2; topic++) {
            for (String w : TOPIC_WORDS[topic]) {
                s.append(w);
                for (int d = 0; d < 8; d++) {
                    double v = (d == topic ? 0.8 : 0) + (random.nextDouble() - 0.5) * 0.2;
                    s.append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", v));
                }
                s.append('\n');
            }
        }
        Path file = dir.resolve("tiny.8d.txt");
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
        return WordVectorReader.read(file, WordVectorReader.Format.GLOVE_TEXT, vocabulary);
    }
}
