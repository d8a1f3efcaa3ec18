package org.convkit.text.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import org.junit.jupiter.api.Test;

class TextPreprocessorRuntimeTest {

    private static final String BUTTER = "I can't believe it's not butter!";
    private static final String PARAGRAPH = "The cat sat on the mat. It was warm! Was the dog jealous?";

    private static TextPreprocessorRuntime raw(TokenizerKind tokenizer) {
        return new TextPreprocessorRuntime(
            new TextPreprocessor(tokenizer, false, NormalisationKind.NONE, false));
    }

    @Test
    void whitespaceTokenizerSplitsOnWhitespaceOnly() {
        assertArrayEquals(new String[] {"I", "can't", "believe", "it's", "not", "butter!"},
            raw(TokenizerKind.WHITESPACE).tokenize(BUTTER));
        assertArrayEquals(new String[] {"a", "b", "c"},
            raw(TokenizerKind.WHITESPACE).tokenize("  a\tb\n c  "));
    }

    @Test
    void simpleTokenizerSeparatesEveryPunctuationCharacter() {
        // Letter runs, digit runs and each punctuation character are separate tokens.
        assertArrayEquals(new String[] {"I", "can", "'", "t", "believe", "it", "'", "s", "not", "butter", "!"},
            raw(TokenizerKind.SIMPLE).tokenize(BUTTER));
        assertArrayEquals(new String[] {"Dr", ".", "Smith", "paid", "$", "3", ".", "50"},
            raw(TokenizerKind.SIMPLE).tokenize("Dr. Smith paid $3.50"));
    }

    @Test
    void englishUdTokenizerSplitsPunctuationButKeepsAbbreviationsAndNumbers() {
        TextPreprocessorRuntime runtime = raw(TokenizerKind.OPENNLP_EN_UD);
        // Commas, parentheses and the final period are split off; "film's" stays one token.
        assertArrayEquals(new String[] {"The", "film's", "plot", ",", "however", ",", "was", "(", "mostly",
                ")", "dull", "."},
            runtime.tokenize("The film's plot, however, was (mostly) dull."));
        // "Dr." and "U.S." keep their periods, "$" is split from "3.50", which stays whole.
        assertArrayEquals(new String[] {"Dr.", "Smith", "paid", "$", "3.50", "for", "the", "U.S.", "edition",
                "."},
            runtime.tokenize("Dr. Smith paid $3.50 for the U.S. edition."));
        // The 1.3 UD model does not split contractions; Kim normalisation does that afterwards.
        assertArrayEquals(new String[] {"I", "can't", "believe", "it's", "not", "butter", "!"},
            runtime.tokenize(BUTTER));
    }

    @Test
    void kimNormalisationWithLowercaseGivesKimsTokensWhicheverTokenizer() {
        String[] expected = {"i", "ca", "n't", "believe", "it", "'s", "not", "butter", "!"};
        assertArrayEquals(expected, new TextPreprocessorRuntime(TextPreprocessor.kim()).tokenize(BUTTER));
        assertArrayEquals(expected, new TextPreprocessorRuntime(
            new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, true, NormalisationKind.KIM, false)).tokenize(BUTTER));
        // SimpleTokenizer already split "can't" into "can", "'", "t"; cleaning keeps those pieces.
        assertArrayEquals(new String[] {"i", "can", "'", "t", "believe", "it", "'", "s", "not", "butter", "!"},
            new TextPreprocessorRuntime(
                new TextPreprocessor(TokenizerKind.SIMPLE, true, NormalisationKind.KIM, false)).tokenize(BUTTER));
    }

    @Test
    void kimSstKeepsContractionsAndDropsPeriods() {
        assertArrayEquals(new String[] {"it's", "a", "can't", "miss", "film"},
            new TextPreprocessorRuntime(TextPreprocessor.kimSst()).tokenize("It's a can't-miss film ."));
    }

    @Test
    void lowercasingWithoutNormalisationKeepsPunctuation() {
        assertArrayEquals(new String[] {"dr.", "smith", "left", "."},
            new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, true,
                NormalisationKind.NONE, false)).tokenize("Dr. SMITH left."));
    }

    @Test
    void sentenceDetectionSplitsThreeSentenceParagraph() {
        TextPreprocessorRuntime runtime = new TextPreprocessorRuntime(TextPreprocessor.englishRawText());
        assertArrayEquals(new String[] {"The cat sat on the mat.", "It was warm!", "Was the dog jealous?"},
            runtime.splitSentences(PARAGRAPH));
        String[][] sentences = runtime.tokenizeSentences(PARAGRAPH);
        assertEquals(3, sentences.length);
        assertArrayEquals(new String[] {"the", "cat", "sat", "on", "the", "mat"}, sentences[0]);
        assertArrayEquals(new String[] {"it", "was", "warm", "!"}, sentences[1]);
        assertArrayEquals(new String[] {"was", "the", "dog", "jealous", "?"}, sentences[2]);
        assertArrayEquals(new String[] {"the", "cat", "sat", "on", "the", "mat", "it", "was", "warm", "!",
            "was", "the", "dog", "jealous", "?"}, runtime.tokenize(PARAGRAPH));
    }

    @Test
    void withoutSentenceSplittingTheWholeTextIsOneSentence() {
        TextPreprocessorRuntime runtime = new TextPreprocessorRuntime(TextPreprocessor.kim());
        assertArrayEquals(new String[] {PARAGRAPH}, runtime.splitSentences("  " + PARAGRAPH + "\n"));
        assertEquals(1, runtime.tokenizeSentences(PARAGRAPH).length);
    }

    @Test
    void emptyOrBlankTextGivesNoTokens() {
        List<TextPreprocessor> all = new ArrayList<>();
        for (TokenizerKind tokenizer : TokenizerKind.values()) {
            for (NormalisationKind normalisation : NormalisationKind.values()) {
                all.add(new TextPreprocessor(tokenizer, true, normalisation, true));
                all.add(new TextPreprocessor(tokenizer, false, normalisation, false));
            }
        }
        for (TextPreprocessor settings : all) {
            TextPreprocessorRuntime runtime = new TextPreprocessorRuntime(settings);
            for (String text : new String[] {"", "   ", "\n\t"}) {
                assertArrayEquals(new String[0], runtime.tokenize(text), settings + " on blank text");
                assertEquals(0, runtime.tokenizeSentences(text).length, settings + " on blank text");
                assertEquals(0, runtime.splitSentences(text).length, settings + " on blank text");
            }
        }
        // Text that normalisation erases entirely also gives no tokens and no sentences.
        TextPreprocessorRuntime kim = new TextPreprocessorRuntime(TextPreprocessor.englishRawText());
        assertArrayEquals(new String[0], kim.tokenize("... --- ..."));
        assertEquals(0, kim.tokenizeSentences("... --- ...").length);
    }

    @Test
    void rejectsNullTextAndNullTokens() {
        TextPreprocessorRuntime runtime = new TextPreprocessorRuntime(TextPreprocessor.kim());
        assertThrows(NullPointerException.class, () -> runtime.tokenize(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> runtime.normalise(new String[] {"ok", null}));
        assertTrue(e.getMessage().contains("tokens[1]"), e.getMessage());
    }

    @Test
    void normalisingPretokenisedInputMatchesTokenizingRawText() {
        String[] texts = {BUTTER, "The film's plot, however, was (mostly) dull.", "We'd've LOVED it -- really?!",
            "Dr. Smith paid $3.50 for the U.S. edition."};
        TokenizerME me = new TokenizerME(EnglishUdModels.tokenizerModel());
        for (NormalisationKind normalisation : NormalisationKind.values()) {
            for (boolean lowercase : new boolean[] {false, true}) {
                for (String text : texts) {
                    assertArrayEquals(
                        new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, lowercase,
                            normalisation, false)).tokenize(text),
                        new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.WHITESPACE, lowercase,
                            normalisation, false)).normalise(me.tokenize(text)));
                    assertArrayEquals(
                        new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.SIMPLE, lowercase,
                            normalisation, false)).tokenize(text),
                        new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, lowercase,
                            normalisation, true)).normalise(SimpleTokenizer.INSTANCE.tokenize(text)));
                }
            }
        }
        // Kim's clean_str applied to the whole line equals applying it token by token after
        // whitespace tokenization.
        for (String text : texts) {
            assertArrayEquals(KimCleaner.cleanStr(text),
                new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.OPENNLP_EN_UD, false,
                    NormalisationKind.KIM, false)).normalise(WhitespaceTokenizer.INSTANCE.tokenize(text)));
        }
    }

    @Test
    void settingsRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TextPreprocessor settings = TextPreprocessor.englishRawText();
        String json = mapper.writeValueAsString(settings);
        assertEquals("{\"tokenizer\":\"OPENNLP_EN_UD\",\"lowercase\":true,\"normalisation\":\"KIM\","
            + "\"splitSentences\":true}", json);
        assertEquals(settings, mapper.readValue(json, TextPreprocessor.class));
    }

    @Test
    void concurrentUseFromEightThreadsMatchesSingleThreaded() throws Exception {
        List<String> texts = generatedParagraphs(240, 20240611L);
        List<TextPreprocessorRuntime> runtimes = List.of(
            new TextPreprocessorRuntime(TextPreprocessor.englishRawText()),
            new TextPreprocessorRuntime(new TextPreprocessor(TokenizerKind.SIMPLE, true, NormalisationKind.KIM, true)),
            new TextPreprocessorRuntime(TextPreprocessor.kim()));
        for (TextPreprocessorRuntime runtime : runtimes) {
            List<String[]> expected = new ArrayList<>();
            for (String text : texts) {
                expected.add(runtime.tokenize(text));
            }
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String[]>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 31; // each thread walks the texts from a different starting point
                    Callable<List<String[]>> task = () -> {
                        start.await();
                        String[][] out = new String[texts.size()][];
                        for (int i = 0; i < texts.size(); i++) {
                            int k = (i + offset) % texts.size();
                            out[k] = runtime.tokenize(texts.get(k));
                        }
                        return List.of(out);
                    };
                    futures.add(pool.submit(task));
                }
                start.countDown();
                for (Future<List<String[]>> future : futures) {
                    List<String[]> actual = future.get(60, TimeUnit.SECONDS);
                    for (int i = 0; i < texts.size(); i++) {
                        assertArrayEquals(expected.get(i), actual.get(i), runtime.settings() + ", text " + i);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Paragraphs of 1 to 4 sentences drawn with a fixed seed from a small set of varied sentences. */
    static List<String> generatedParagraphs(int count, long seed) {
        String[] sentences = {
            "The film's plot, however, was (mostly) dull.", "I can't believe it's not butter!",
            "Dr. Smith paid $3.50 for the U.S. edition.", "Was the dog jealous?", "We'd've gone, but it rained.",
            "Its score -- by a newcomer -- is wonderful.", "They're sure you'll love it.", "Nothing happens."};
        SplittableRandom random = new SplittableRandom(seed);
        List<String> paragraphs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder paragraph = new StringBuilder();
            int n = 1 + random.nextInt(4);
            for (int s = 0; s < n; s++) {
                if (s > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(sentences[random.nextInt(sentences.length)]);
            }
            paragraphs.add(paragraph.toString());
        }
        return paragraphs;
    }
}
