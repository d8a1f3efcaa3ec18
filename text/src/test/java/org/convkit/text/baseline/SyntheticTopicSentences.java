package org.convkit.text.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.convkit.text.LabeledTokens;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.preprocess.TextPreprocessorRuntime;

/**
 * Generates a small topic-classification task from templates with a seeded random source: each
 * raw sentence mixes two or three words of its own topic with shared filler words and, a quarter
 * of the time, one word of another topic, then goes through Kim's preprocessing. A bag-of-words
 * model can separate the topics, but not by a single word.
 */
final class SyntheticTopicSentences {

    static final String[] TOPICS = {"sport", "food", "weather"};

    private static final String[][] TOPIC_WORDS = {
        {"goal", "match", "referee", "striker", "league", "penalty", "coach", "stadium", "season", "keeper"},
        {"soup", "recipe", "garlic", "bread", "dinner", "oven", "spicy", "dessert", "chef", "flavour"},
        {"rain", "storm", "forecast", "sunny", "wind", "cloud", "frost", "humid", "thunder", "drizzle"}};

    private static final String[] OPENERS = {"Honestly,", "Yesterday", "I think", "They said", "Apparently",
        "Last week", "Everyone knew", "We heard"};
    private static final String[] FILLERS = {"the", "a", "was", "really", "quite", "very", "and", "so", "it",
        "that", "this", "then", "just", "again", "today", "there", "new", "old", "good", "bad"};
    private static final String[] ENDINGS = {".", "!", "?", "...", " -- again."};

    private SyntheticTopicSentences() {
    }

    /**
     * Examples of the first {@code topicCount} topics, {@code perTopic} each, interleaved by topic.
     */
    static List<LabeledTokens> generate(int topicCount, int perTopic, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TextPreprocessorRuntime preprocessor = new TextPreprocessorRuntime(TextPreprocessor.kim());
        List<LabeledTokens> examples = new ArrayList<>(topicCount * perTopic);
        for (int i = 0; i < perTopic; i++) {
            for (int topic = 0; topic < topicCount; topic++) {
                String text = sentence(topic, topicCount, random);
                examples.add(new LabeledTokens(preprocessor.tokenize(text), TOPICS[topic]));
            }
        }
        return examples;
    }

    private static String sentence(int topic, int topicCount, SplittableRandom random) {
        List<String> words = new ArrayList<>();
        int topical = 2 + random.nextInt(2);
        for (int i = 0; i < topical; i++) {
            words.add(pick(TOPIC_WORDS[topic], random));
        }
        if (random.nextInt(4) == 0) {
            int other = (topic + 1 + random.nextInt(topicCount - 1)) % topicCount;
            words.add(pick(TOPIC_WORDS[other], random));
        }
        int fillers = 3 + random.nextInt(5);
        for (int i = 0; i < fillers; i++) {
            words.add(pick(FILLERS, random));
        }
        // Shuffle so position carries no information.
        for (int i = words.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = words.get(i);
            words.set(i, words.get(j));
            words.set(j, t);
        }
        return pick(OPENERS, random) + " " + String.join(" ", words) + pick(ENDINGS, random);
    }

    private static String pick(String[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }
}
