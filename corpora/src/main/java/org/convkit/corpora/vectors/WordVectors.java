package org.convkit.corpora.vectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors found for a requested vocabulary, and how much of it was covered.
 */
public final class WordVectors {

    private final int dimension;
    private final Map<String, float[]> vectors;
    private final List<String> requested;
    private final long wordsInFile;
    private final long duplicates;

    WordVectors(int dimension, Map<String, float[]> vectors, List<String> requested, long wordsInFile, long duplicates) {
        this.dimension = dimension;
        this.vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        this.requested = List.copyOf(requested);
        this.wordsInFile = wordsInFile;
        this.duplicates = duplicates;
    }

    /**
     * The vector length.
     *
     * @return the dimension declared or found in the file
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Whether a word was found.
     *
     * @param word the word, matched exactly (case-sensitive)
     * @return true if the file had a vector for it
     */
    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    /**
     * A copy of a word's vector.
     *
     * @param word the word
     * @return a new array of {@link #dimension()} floats
     * @throws IllegalArgumentException if the word was not found
     */
    public float[] vector(String word) {
        float[] v = vectors.get(word);
        if (v == null) {
            throw new IllegalArgumentException("no vector for '" + word + "'");
        }
        return v.clone();
    }

    /**
     * Copies a word's vector into a caller-owned buffer (for filling an embedding matrix without allocating).
     *
     * @param word        the word
     * @param destination the buffer
     * @param offset      where the vector starts in the buffer
     * @return true if the word was found and copied, false if not (the buffer is then untouched)
     */
    public boolean copyInto(String word, float[] destination, int offset) {
        float[] v = vectors.get(word);
        if (v == null) {
            return false;
        }
        System.arraycopy(v, 0, destination, offset, dimension);
        return true;
    }

    /**
     * The number of distinct words asked for.
     *
     * @return the requested vocabulary size
     */
    public int requested() {
        return requested.size();
    }

    /**
     * The number of requested words that have a vector.
     *
     * @return the count found
     */
    public int found() {
        return vectors.size();
    }

    /**
     * The fraction of requested words found.
     *
     * @return {@code found() / requested()}, or 0 when nothing was requested
     */
    public double coverage() {
        return requested.isEmpty() ? 0 : found() / (double) requested.size();
    }

    /**
     * The requested words without a vector, in request order.
     *
     * @return the missing words
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String w : requested) {
            if (!vectors.containsKey(w)) {
                missing.add(w);
            }
        }
        return missing;
    }

    /**
     * The number of vectors the file holds (all were scanned).
     *
     * @return the entries read
     */
    public long wordsInFile() {
        return wordsInFile;
    }

    /**
     * How many later entries repeated a requested word already read; the first entry is kept.
     *
     * @return the count of repeated requested words
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * The found words in request order.
     *
     * @return the words with vectors
     */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        for (String w : requested) {
            if (vectors.containsKey(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * A one-line coverage summary, e.g. {@code 9123 of 10000 words found (91.2 %), dimension 300}.
     *
     * @return the summary
     */
    public String coverageSummary() {
        return String.format(java.util.Locale.ROOT, "%d of %d words found (%.1f %%), dimension %d, %d vectors in file",
            found(), requested(), 100 * coverage(), dimension, wordsInFile);
    }
}
