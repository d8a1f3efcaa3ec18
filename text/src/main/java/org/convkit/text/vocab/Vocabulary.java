package org.convkit.text.vocab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A word-to-id mapping built from training token streams. Id 0 ({@link #PAD_ID}) is reserved for
 * padding and id 1 ({@link #UNKNOWN_ID}) for every word not in the vocabulary; words follow from
 * id 2, most frequent first, ties broken by first occurrence in the training stream (the word seen
 * earlier gets the smaller id), so the same training stream always gives the same ids.
 *
 * <p>Serialises with Jackson as {@code options}, {@code words} (in id order, reserved entries
 * first) and {@code counts} (training occurrences per id; the padding entry counts 0 and the
 * unknown entry counts the training tokens that fell out of the vocabulary). Immutable and
 * thread-safe.
 *
 * <p>The reserved strings {@link #PAD} and {@link #UNKNOWN} never become ordinary words: in
 * training text they count as unknown, and looking up either string gives {@link #UNKNOWN_ID}.
 */
@JsonPropertyOrder({"options", "words", "counts"})
public final class Vocabulary {

    /** Id of the padding entry. */
    public static final int PAD_ID = 0;
    /** Id of the unknown-word entry. */
    public static final int UNKNOWN_ID = 1;
    /** String stored for the padding entry. */
    public static final String PAD = "<pad>";
    /** String stored for the unknown-word entry. */
    public static final String UNKNOWN = "<unk>";
    /** Number of reserved entries at the start of every vocabulary. */
    public static final int RESERVED_ENTRIES = 2;

    private final VocabularyOptions options;
    private final List<String> words;
    private final long[] counts;
    private final Map<String, Integer> ids;

    /**
     * Restores a vocabulary from its serialised parts (as Jackson does).
     *
     * @param options the options it was built with
     * @param words   every entry in id order, starting with {@link #PAD} and {@link #UNKNOWN}
     * @param counts  training occurrences per entry, same length as {@code words}
     * @throws IllegalArgumentException naming the field if the parts are inconsistent
     */
    @JsonCreator
    public Vocabulary(@JsonProperty("options") VocabularyOptions options,
                      @JsonProperty("words") List<String> words,
                      @JsonProperty("counts") long[] counts) {
        if (options == null) {
            throw new IllegalArgumentException("vocabulary field 'options' is missing");
        }
        if (words == null || words.size() < RESERVED_ENTRIES) {
            throw new IllegalArgumentException("vocabulary field 'words' must start with \"" + PAD
                + "\" and \"" + UNKNOWN + "\", got " + words);
        }
        if (!PAD.equals(words.get(PAD_ID)) || !UNKNOWN.equals(words.get(UNKNOWN_ID))) {
            throw new IllegalArgumentException("vocabulary field 'words' must start with \"" + PAD
                + "\" and \"" + UNKNOWN + "\", got \"" + words.get(0) + "\", \"" + words.get(1) + "\"");
        }
        if (words.size() > options.maxSize()) {
            throw new IllegalArgumentException("vocabulary field 'words' has " + words.size()
                + " entries but options.maxSize is " + options.maxSize());
        }
        if (counts == null || counts.length != words.size()) {
            throw new IllegalArgumentException("vocabulary field 'counts' must have one entry per word ("
                + words.size() + "), got " + (counts == null ? "none" : counts.length));
        }
        Map<String, Integer> index = new HashMap<>(words.size() * 2);
        index.put(UNKNOWN, UNKNOWN_ID);
        for (int id = RESERVED_ENTRIES; id < words.size(); id++) {
            String word = words.get(id);
            if (word == null || word.isEmpty() || PAD.equals(word) || UNKNOWN.equals(word)) {
                throw new IllegalArgumentException("vocabulary field 'words' has an invalid entry at id "
                    + id + ": " + (word == null ? "null" : "\"" + word + "\""));
            }
            if (index.put(word, id) != null) {
                throw new IllegalArgumentException("vocabulary field 'words' lists \"" + word
                    + "\" twice (second time at id " + id + ")");
            }
        }
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] < 0) {
                throw new IllegalArgumentException("vocabulary field 'counts' is negative at id " + id
                    + ": " + counts[id]);
            }
        }
        this.options = options;
        this.words = Collections.unmodifiableList(new ArrayList<>(words));
        this.counts = counts.clone();
        this.ids = index;
    }

    /**
     * Counts every token of the training sentences and keeps the words that occur at least
     * {@code options.minCount()} times, most frequent first (ties: first occurrence first), up to
     * {@code options.maxSize()} entries including the two reserved ones. Tokens are used exactly as
     * given (no case folding: that is the preprocessor's job).
     *
     * @param sentences training token arrays, iterated once
     * @param options   cut-off settings
     * @return the vocabulary
     * @throws IllegalArgumentException if a sentence or token is null or a token is empty, naming
     *                                  the sentence index and token position
     */
    public static Vocabulary build(Iterable<String[]> sentences, VocabularyOptions options) {
        Objects.requireNonNull(sentences, "sentences must not be null");
        Objects.requireNonNull(options, "options must not be null");
        // Insertion order of a LinkedHashMap records first occurrence, the tie-breaker below.
        Map<String, long[]> tally = new LinkedHashMap<>();
        long reservedOccurrences = 0;
        int sentenceIndex = 0;
        for (String[] sentence : sentences) {
            if (sentence == null) {
                throw new IllegalArgumentException("sentence " + sentenceIndex + " is null");
            }
            for (int position = 0; position < sentence.length; position++) {
                String token = sentence[position];
                if (token == null || token.isEmpty()) {
                    throw new IllegalArgumentException("sentence " + sentenceIndex + ", token " + position
                        + " is " + (token == null ? "null" : "empty") + "; expected a non-empty token");
                }
                if (PAD.equals(token) || UNKNOWN.equals(token)) {
                    reservedOccurrences++;
                } else {
                    tally.computeIfAbsent(token, k -> new long[1])[0]++;
                }
            }
            sentenceIndex++;
        }
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(tally.entrySet());
        // List.sort is stable, so equal counts keep first-occurrence order.
        ranked.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));

        List<String> words = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        words.add(PAD);
        words.add(UNKNOWN);
        long unknown = reservedOccurrences;
        for (Map.Entry<String, long[]> entry : ranked) {
            long count = entry.getValue()[0];
            if (count >= options.minCount() && words.size() < options.maxSize()) {
                words.add(entry.getKey());
                kept.add(count);
            } else {
                unknown += count;
            }
        }
        long[] counts = new long[words.size()];
        counts[UNKNOWN_ID] = unknown;
        for (int i = 0; i < kept.size(); i++) {
            counts[RESERVED_ENTRIES + i] = kept.get(i);
        }
        return new Vocabulary(options, words, counts);
    }

    /**
     * Returns the options this vocabulary was built with.
     *
     * @return the options
     */
    @JsonProperty("options")
    public VocabularyOptions options() {
        return options;
    }

    /**
     * Returns every entry in id order, starting with {@link #PAD} and {@link #UNKNOWN}.
     *
     * @return an unmodifiable list
     */
    @JsonProperty("words")
    public List<String> words() {
        return words;
    }

    /**
     * Returns training occurrences per id: 0 for padding; for {@link #UNKNOWN_ID} the number of
     * training tokens that are not in the vocabulary.
     *
     * @return a copy of the counts
     */
    @JsonProperty("counts")
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Number of entries, including the two reserved ones; ids run from 0 to {@code size() - 1}.
     *
     * @return the size
     */
    public int size() {
        return words.size();
    }

    /**
     * Looks up a word.
     *
     * @param word a token
     * @return its id, or {@link #UNKNOWN_ID} if it is not in the vocabulary (also for {@link #PAD})
     */
    public int id(String word) {
        Integer id = ids.get(Objects.requireNonNull(word, "word must not be null"));
        return id == null ? UNKNOWN_ID : id;
    }

    /**
     * Whether a word has its own id (neither reserved entry counts).
     *
     * @param word a token
     * @return true if {@code id(word) >= RESERVED_ENTRIES}
     */
    public boolean contains(String word) {
        return id(word) >= RESERVED_ENTRIES;
    }

    /**
     * Looks up an id.
     *
     * @param id an id in {@code [0, size())}
     * @return the word (or reserved string) with that id
     * @throws IllegalArgumentException if the id is out of range
     */
    public String word(int id) {
        checkId(id);
        return words.get(id);
    }

    /**
     * Training occurrences of the entry with this id.
     *
     * @param id an id in {@code [0, size())}
     * @return the count
     * @throws IllegalArgumentException if the id is out of range
     */
    public long count(int id) {
        checkId(id);
        return counts[id];
    }

    /**
     * Total number of training tokens counted, in and out of the vocabulary.
     *
     * @return the sum of all counts
     */
    public long tokenCount() {
        return Arrays.stream(counts).sum();
    }

    /**
     * Encodes tokens to ids, truncated and padded as {@code encoding} says.
     *
     * @param tokens   tokens in order
     * @param encoding truncation and padding settings
     * @return a new array of {@code encoding.encodedLength(tokens.length)} ids
     */
    public int[] encode(String[] tokens, SequenceEncoding encoding) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        int[] out = new int[encoding.encodedLength(tokens.length)];
        encode(tokens, encoding, out, 0);
        return out;
    }

    /**
     * Encodes tokens into a buffer the caller owns, overwriting exactly
     * {@code encoding.encodedLength(tokens.length)} elements from {@code offset}; allocates nothing.
     *
     * @param tokens   tokens in order
     * @param encoding truncation and padding settings
     * @param out      destination buffer
     * @param offset   first element of {@code out} to write
     * @return the number of ids written
     * @throws IllegalArgumentException if {@code out} is too short or a token is null
     */
    public int encode(String[] tokens, SequenceEncoding encoding, int[] out, int offset) {
        Objects.requireNonNull(tokens, "tokens must not be null");
        Objects.requireNonNull(encoding, "encoding must not be null");
        Objects.requireNonNull(out, "out must not be null");
        int length = encoding.encodedLength(tokens.length);
        if (offset < 0 || offset > out.length - length) {
            throw new IllegalArgumentException("out has room for " + Math.max(0, out.length - offset)
                + " ids from offset " + offset + " but the encoding needs " + length);
        }
        int kept = encoding.keptTokens(tokens.length);
        int lead = encoding.leadingPadding();
        Arrays.fill(out, offset, offset + lead, PAD_ID);
        for (int i = 0; i < kept; i++) {
            String token = tokens[i];
            if (token == null) {
                throw new IllegalArgumentException("tokens[" + i + "] is null; expected a token string");
            }
            Integer id = ids.get(token);
            out[offset + lead + i] = id == null ? UNKNOWN_ID : id;
        }
        Arrays.fill(out, offset + lead + kept, offset + length, PAD_ID);
        return length;
    }

    private void checkId(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, "
                + words.size() + ")");
        }
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + words.size() + ", minCount=" + options.minCount() + ", maxSize="
            + (options.maxSize() == Integer.MAX_VALUE ? "unlimited" : options.maxSize()) + "]";
    }
}
