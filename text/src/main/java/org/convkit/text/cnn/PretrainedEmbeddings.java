package org.convkit.text.cnn;

import java.util.Objects;
import java.util.SplittableRandom;

import org.convkit.corpora.vectors.WordVectors;
import org.convkit.text.vocab.Vocabulary;

/**
 * An embedding table for a vocabulary, filled from pretrained word vectors: one row per
 * vocabulary id, so only the vocabulary's rows are in memory. Rows of words with a pretrained
 * vector copy it; the padding row is zero; every other row (the unknown-word row and words
 * missing from the pretrained set) is drawn from {@code U(-a, a)} with {@code a} chosen so that
 * the random rows have the same variance as the pretrained ones (Kim 2014, section 3.1: "randomly
 * initialized... so that the randomly initialized vectors have the same variance as the
 * pre-trained ones"). For a uniform distribution the variance is {@code a^2 / 3}, so
 * {@code a = sqrt(3 * s^2)} with {@code s^2} the variance of all components of the pretrained
 * rows in the table.
 *
 * @param weights      {@code vocabSize x dim} row-major values
 * @param vocabSize    rows
 * @param dim          vector length
 * @param found        vocabulary words that had a pretrained vector
 * @param randomBound  the {@code a} used for the random rows
 */
public record PretrainedEmbeddings(float[] weights, int vocabSize, int dim, int found, double randomBound) {

    /** Fallback bound when fewer than two pretrained components exist: Kim's released value. */
    static final double KIM_BOUND = 0.25;

    /**
     * Builds the table.
     *
     * @param vocabulary the vocabulary, ids are rows
     * @param vectors    pretrained vectors read for (at least) the vocabulary's words
     * @param seed       fixes the random rows
     * @return the table
     */
    public static PretrainedEmbeddings build(Vocabulary vocabulary, WordVectors vectors, long seed) {
        Objects.requireNonNull(vocabulary, "vocabulary must not be null");
        Objects.requireNonNull(vectors, "vectors must not be null");
        int dim = vectors.dimension();
        int rows = vocabulary.size();
        float[] w = new float[Math.multiplyExact(rows, dim)];
        boolean[] pretrained = new boolean[rows];
        int found = 0;
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (int id = Vocabulary.RESERVED_ENTRIES; id < rows; id++) {
            if (vectors.copyInto(vocabulary.word(id), w, id * dim)) {
                pretrained[id] = true;
                found++;
                for (int d = 0; d < dim; d++) {
                    double v = w[id * dim + d];
                    sum += v;
                    sumSquares += v * v;
                }
                count += dim;
            }
        }
        double bound = KIM_BOUND;
        if (count > 1) {
            double mean = sum / count;
            double variance = Math.max(0, (sumSquares - count * mean * mean) / (count - 1));
            if (variance > 0) {
                bound = Math.sqrt(3 * variance);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int id = 0; id < rows; id++) {
            if (id == Vocabulary.PAD_ID || pretrained[id]) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                w[id * dim + d] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
        return new PretrainedEmbeddings(w, rows, dim, found, bound);
    }

    /**
     * Fraction of the vocabulary's words (reserved entries excluded) with a pretrained vector.
     *
     * @return found / (vocabSize - 2), 0 for an empty vocabulary
     */
    public double coverage() {
        int words = vocabSize - Vocabulary.RESERVED_ENTRIES;
        return words == 0 ? 0 : (double) found / words;
    }
}
