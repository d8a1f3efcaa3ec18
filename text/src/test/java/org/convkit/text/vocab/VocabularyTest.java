package org.convkit.text.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    /*
     * Counts by hand: the 3, cat 2, sat 2, dog 2, a 2, on 1, mat 1, and 1 (14 tokens).
     * First occurrences in order: the, cat, sat, on, mat, dog, a, and.
     * Count descending, ties by first occurrence: the, cat, sat, dog, a, on, mat, and.
     */
    private static final List<String[]> SENTENCES = List.of(
        new String[] {"the", "cat", "sat", "on", "the", "mat"},
        new String[] {"the", "dog", "sat"},
        new String[] {"a", "cat", "and", "a", "dog"});

    private static Vocabulary full() {
        return Vocabulary.build(SENTENCES, VocabularyOptions.defaults());
    }

    @Test
    void ordersByCountThenFirstOccurrenceAfterReservedEntries() {
        Vocabulary vocabulary = full();
        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "sat", "dog", "a", "on", "mat", "and"),
            vocabulary.words());
        assertArrayEquals(new long[] {0, 0, 3, 2, 2, 2, 2, 1, 1, 1}, vocabulary.counts());
        assertEquals(10, vocabulary.size());
        assertEquals(14, vocabulary.tokenCount());
        assertEquals(Vocabulary.PAD_ID, 0);
        assertEquals(Vocabulary.UNKNOWN_ID, 1);
        assertEquals(5, vocabulary.id("dog"));
        assertEquals("dog", vocabulary.word(5));
        assertEquals(2, vocabulary.count(5));
    }

    @Test
    void minCountSendsRareWordsToUnknown() {
        Vocabulary vocabulary = Vocabulary.build(SENTENCES, new VocabularyOptions(2, Integer.MAX_VALUE));
        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "sat", "dog", "a"), vocabulary.words());
        // on + mat + and = 3 occurrences fell out.
        assertArrayEquals(new long[] {0, 3, 3, 2, 2, 2, 2}, vocabulary.counts());
        assertEquals(Vocabulary.UNKNOWN_ID, vocabulary.id("mat"));
        assertFalse(vocabulary.contains("mat"));
        assertTrue(vocabulary.contains("a"));
    }

    @Test
    void maxSizeKeepsMostFrequentIncludingReservedEntries() {
        Vocabulary vocabulary = Vocabulary.build(SENTENCES, new VocabularyOptions(1, 5));
        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "sat"), vocabulary.words());
        // dog 2 + a 2 + on 1 + mat 1 + and 1 = 7 occurrences fell out.
        assertArrayEquals(new long[] {0, 7, 3, 2, 2}, vocabulary.counts());
        assertEquals(14, vocabulary.tokenCount());
    }

    @Test
    void tieBreakFollowsFirstOccurrenceSoReorderedInputReordersTies() {
        List<String[]> reversed = List.of(SENTENCES.get(2), SENTENCES.get(1), SENTENCES.get(0));
        // First occurrences now: a, cat, and, dog, the, sat, on, mat.
        assertEquals(List.of("<pad>", "<unk>", "the", "a", "cat", "dog", "sat", "and", "on", "mat"),
            Vocabulary.build(reversed, VocabularyOptions.defaults()).words());
        assertEquals(full().words(), full().words());
    }

    @Test
    void reservedStringsInTrainingTextCountAsUnknown() {
        Vocabulary vocabulary = Vocabulary.build(List.<String[]>of(new String[] {"<unk>", "x", "<pad>", "x"}),
            VocabularyOptions.defaults());
        assertEquals(List.of("<pad>", "<unk>", "x"), vocabulary.words());
        assertArrayEquals(new long[] {0, 2, 2}, vocabulary.counts());
        assertEquals(Vocabulary.UNKNOWN_ID, vocabulary.id("<pad>"));
        assertEquals(Vocabulary.UNKNOWN_ID, vocabulary.id("<unk>"));
    }

    @Test
    void unknownWordsMapToUnknownAndBadIdsAreRejected() {
        Vocabulary vocabulary = full();
        assertEquals(Vocabulary.UNKNOWN_ID, vocabulary.id("zebra"));
        assertEquals(Vocabulary.UNKNOWN_ID, vocabulary.id("The")); // no case folding
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vocabulary.word(10));
        assertTrue(e.getMessage().contains("id 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vocabulary.word(-1));
    }

    @Test
    void padsShortSentencesAtTheEndToMinLength() {
        Vocabulary vocabulary = full();
        SequenceEncoding encoding = new SequenceEncoding(PaddingMode.END_TO_MIN_LENGTH, 5, 0);
        assertArrayEquals(new int[] {2, 3, 1, 0, 0}, vocabulary.encode(new String[] {"the", "cat", "zebra"}, encoding));
        assertArrayEquals(new int[] {2, 3, 4, 7, 2, 8},
            vocabulary.encode(new String[] {"the", "cat", "sat", "on", "the", "mat"}, encoding));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, vocabulary.encode(new String[0], encoding));
    }

    @Test
    void truncatesToMaxTokensBeforePadding() {
        Vocabulary vocabulary = full();
        String[] six = {"the", "cat", "sat", "on", "the", "mat"};
        assertArrayEquals(new int[] {2, 3, 4, 7},
            vocabulary.encode(six, new SequenceEncoding(PaddingMode.END_TO_MIN_LENGTH, 3, 4)));
        assertArrayEquals(new int[] {2, 3, 0, 0, 0},
            vocabulary.encode(six, new SequenceEncoding(PaddingMode.END_TO_MIN_LENGTH, 5, 2)));
        assertArrayEquals(new int[] {0, 0, 2, 3, 0, 0},
            vocabulary.encode(six, new SequenceEncoding(PaddingMode.SYMMETRIC, 3, 2)));
    }

    @Test
    void symmetricPaddingAddsFilterHeightMinusOneOnEachSide() {
        Vocabulary vocabulary = full();
        assertArrayEquals(new int[] {0, 0, 0, 0, 2, 5, 0, 0, 0, 0},
            vocabulary.encode(new String[] {"the", "dog"}, new SequenceEncoding(PaddingMode.SYMMETRIC, 5, 0)));
        assertArrayEquals(new int[] {2, 5},
            vocabulary.encode(new String[] {"the", "dog"}, new SequenceEncoding(PaddingMode.SYMMETRIC, 1, 0)));
        assertArrayEquals(new int[] {0, 0, 0, 0},
            vocabulary.encode(new String[0], new SequenceEncoding(PaddingMode.SYMMETRIC, 3, 0)));
        assertEquals(7, new SequenceEncoding(PaddingMode.SYMMETRIC, 3, 0).encodedLength(3));
        assertEquals(5, new SequenceEncoding(PaddingMode.END_TO_MIN_LENGTH, 5, 0).encodedLength(3));
    }

    @Test
    void encodesIntoCallerBufferWithoutTouchingOtherElements() {
        Vocabulary vocabulary = full();
        SequenceEncoding encoding = new SequenceEncoding(PaddingMode.SYMMETRIC, 2, 0);
        int[] out = new int[10];
        Arrays.fill(out, -7);
        int written = vocabulary.encode(new String[] {"a", "mat", "zebra"}, encoding, out, 3);
        assertEquals(5, written);
        assertArrayEquals(new int[] {-7, -7, -7, 0, 6, 8, 1, 0, -7, -7}, out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> vocabulary.encode(new String[] {"a", "mat", "zebra"}, encoding, out, 6));
        assertTrue(e.getMessage().contains("needs 5"), e.getMessage());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Vocabulary vocabulary = Vocabulary.build(SENTENCES, new VocabularyOptions(2, 6));
        String json = mapper.writeValueAsString(vocabulary);
        assertEquals("{\"options\":{\"minCount\":2,\"maxSize\":6},"
            + "\"words\":[\"<pad>\",\"<unk>\",\"the\",\"cat\",\"sat\",\"dog\"],"
            + "\"counts\":[0,5,3,2,2,2]}", json);
        Vocabulary restored = mapper.readValue(json, Vocabulary.class);
        assertEquals(vocabulary.options(), restored.options());
        assertEquals(vocabulary.words(), restored.words());
        assertArrayEquals(vocabulary.counts(), restored.counts());
        SequenceEncoding encoding = new SequenceEncoding(PaddingMode.SYMMETRIC, 2, 0);
        for (String[] sentence : SENTENCES) {
            assertArrayEquals(vocabulary.encode(sentence, encoding), restored.encode(sentence, encoding));
        }
    }

    @Test
    void rejectsInconsistentSerialisedVocabulary() {
        ObjectMapper mapper = new ObjectMapper();
        ValueInstantiationException noReserved = assertThrows(ValueInstantiationException.class,
            () -> mapper.readValue("{\"options\":{\"minCount\":1,\"maxSize\":10},\"words\":[\"the\",\"cat\"],"
                + "\"counts\":[1,1]}", Vocabulary.class));
        assertTrue(noReserved.getMessage().contains("'words'"), noReserved.getMessage());
        ValueInstantiationException duplicate = assertThrows(ValueInstantiationException.class,
            () -> mapper.readValue("{\"options\":{\"minCount\":1,\"maxSize\":10},"
                + "\"words\":[\"<pad>\",\"<unk>\",\"cat\",\"cat\"],\"counts\":[0,0,1,1]}", Vocabulary.class));
        assertTrue(duplicate.getMessage().contains("\"cat\" twice"), duplicate.getMessage());
        ValueInstantiationException counts = assertThrows(ValueInstantiationException.class,
            () -> mapper.readValue("{\"options\":{\"minCount\":1,\"maxSize\":10},"
                + "\"words\":[\"<pad>\",\"<unk>\",\"cat\"],\"counts\":[0,0]}", Vocabulary.class));
        assertTrue(counts.getMessage().contains("'counts'"), counts.getMessage());
    }

    @Test
    void rejectsNullOrEmptyTrainingTokensNamingTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Vocabulary.build(List.of(new String[] {"a"}, new String[] {"b", "c", ""}),
                VocabularyOptions.defaults()));
        assertTrue(e.getMessage().contains("sentence 1, token 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VocabularyOptions(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new VocabularyOptions(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SequenceEncoding(PaddingMode.SYMMETRIC, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SequenceEncoding(PaddingMode.SYMMETRIC, 3, -1));
    }
}
