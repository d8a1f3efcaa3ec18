package org.convkit.text.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import opennlp.tools.sentdetect.SentenceDetector;
import opennlp.tools.sentdetect.ThreadSafeSentenceDetectorME;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.tokenize.ThreadSafeTokenizerME;
import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.tokenize.WhitespaceTokenizer;

/**
 * Turns text into tokens as a {@link TextPreprocessor} says: sentence splitting (optional),
 * tokenization, normalisation, lower-casing (optional).
 *
 * <p>Safe to call from many threads at once. OpenNLP's {@code TokenizerME} and
 * {@code SentenceDetectorME} keep per-call state and are not thread-safe, so the English UD
 * tokenizer and sentence detector are used through OpenNLP's {@code ThreadSafe*ME} wrappers,
 * which keep one {@code *ME} per calling thread over a single model that is loaded once per JVM
 * and shared (models are immutable). {@code SimpleTokenizer} and {@code WhitespaceTokenizer} are
 * stateless singletons. The per-thread instances are small and live as long as their thread.
 */
public final class TextPreprocessorRuntime {

    private static final String[] NO_STRINGS = new String[0];

    private final TextPreprocessor settings;
    private final Tokenizer tokenizer;
    private final SentenceDetector sentenceDetector;

    /**
     * Builds the runtime, loading the OpenNLP English UD models from the classpath if the settings
     * need them and they are not loaded yet.
     *
     * @param settings the preprocessing settings
     * @throws java.io.UncheckedIOException if a needed model cannot be loaded
     */
    public TextPreprocessorRuntime(TextPreprocessor settings) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.tokenizer = switch (settings.tokenizer()) {
            case OPENNLP_EN_UD -> new ThreadSafeTokenizerME(EnglishUdModels.tokenizerModel());
            case SIMPLE -> SimpleTokenizer.INSTANCE;
            case WHITESPACE -> WhitespaceTokenizer.INSTANCE;
        };
        this.sentenceDetector = settings.splitSentences()
            ? new ThreadSafeSentenceDetectorME(EnglishUdModels.sentenceModel())
            : null;
    }

    /**
     * Returns the settings this runtime applies.
     *
     * @return the settings
     */
    public TextPreprocessor settings() {
        return settings;
    }

    /**
     * Splits text into sentences with the English UD sentence model when sentence splitting is on;
     * otherwise returns the stripped text as the only sentence.
     *
     * @param text raw text
     * @return the sentences, none for empty or blank text
     * @throws NullPointerException if {@code text} is null
     */
    public String[] splitSentences(String text) {
        Objects.requireNonNull(text, "text must not be null");
        if (text.isBlank()) {
            return NO_STRINGS;
        }
        if (sentenceDetector == null) {
            return new String[] {text.strip()};
        }
        return sentenceDetector.sentDetect(text);
    }

    /**
     * Runs the whole pipeline on raw text and returns the tokens of all its sentences in order.
     *
     * @param text raw text
     * @return the tokens; an empty array for empty or blank text, or when normalisation removes
     *         every character
     * @throws NullPointerException if {@code text} is null
     */
    public String[] tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : splitSentences(text)) {
            appendNormalised(tokenizer.tokenize(sentence), out, "tokenizer output");
        }
        return out.toArray(NO_STRINGS);
    }

    /**
     * Runs the whole pipeline on raw text and keeps sentence boundaries: one token array per
     * sentence, in order. Sentences whose tokens are all removed by normalisation are dropped.
     *
     * @param text raw text
     * @return the tokens of each sentence; no sentences for empty or blank text
     * @throws NullPointerException if {@code text} is null
     */
    public String[][] tokenizeSentences(String text) {
        List<String[]> sentences = new ArrayList<>();
        for (String sentence : splitSentences(text)) {
            List<String> out = new ArrayList<>();
            appendNormalised(tokenizer.tokenize(sentence), out, "tokenizer output");
            if (!out.isEmpty()) {
                sentences.add(out.toArray(NO_STRINGS));
            }
        }
        return sentences.toArray(new String[0][]);
    }

    /**
     * Applies this preprocessor's normalisation and lower-casing to tokens that were already
     * produced elsewhere (for example by any OpenNLP tokenizer, as a {@code DocumentCategorizer}
     * receives them). For the tokenizer these settings name, {@code tokenize(text)} equals
     * {@code normalise(tokenizer.tokenize(text))} sentence by sentence. A token may become several
     * tokens ({@code "can't"} becomes {@code "ca", "n't"} under Kim normalisation) or none; empty
     * tokens are dropped.
     *
     * @param tokens tokens in order
     * @return the normalised tokens, a new array
     * @throws NullPointerException     if {@code tokens} is null
     * @throws IllegalArgumentException if an element of {@code tokens} is null, naming its index
     */
    public String[] normalise(String[] tokens) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        List<String> out = new ArrayList<>(tokens.length);
        appendNormalised(tokens, out, "tokens");
        return out.toArray(NO_STRINGS);
    }

    private void appendNormalised(String[] tokens, List<String> out, String what) {
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is null; expected a token string");
            }
            switch (settings.normalisation()) {
                case NONE -> addToken(token, out);
                case KIM -> {
                    for (String piece : KimCleaner.cleanStr(token)) {
                        addToken(piece, out);
                    }
                }
                case KIM_SST -> {
                    for (String piece : KimCleaner.cleanStrSst(token)) {
                        addToken(piece, out);
                    }
                }
            }
        }
    }

    private void addToken(String token, List<String> out) {
        if (!token.isEmpty()) {
            out.add(settings.lowercase() ? token.toLowerCase(Locale.ROOT) : token);
        }
    }
}
