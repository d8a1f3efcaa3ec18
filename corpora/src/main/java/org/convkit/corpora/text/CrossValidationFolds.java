package org.convkit.corpora.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;

/**
 * A stratified k-fold assignment of a {@link SentenceLinesCorpus}: within each class, the sentences
 * are put in a random order fixed by the seed and dealt to folds 0, 1, ..., k-1 in turn, so folds
 * differ in size by at most one sentence per class and keep the class balance. (Kim's
 * {@code process_data.py} instead draws each sentence's fold independently with
 * {@code np.random.randint(0, cv)}, which gives unequal folds; the protocol, k folds with a fixed
 * seed and accuracy averaged over them, is the same.)
 */
public final class CrossValidationFolds {

    private final SentenceLinesCorpus corpus;
    private final int k;
    private final Map<String, int[]> foldOfLine = new LinkedHashMap<>();

    CrossValidationFolds(SentenceLinesCorpus corpus, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        this.corpus = corpus;
        this.k = k;
        SplittableRandom random = new SplittableRandom(seed);
        for (String label : corpus.files().keySet()) {
            long n = corpus.countLines(label);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many lines in " + corpus.files().get(label));
            }
            int[] order = new int[(int) n];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int[] folds = new int[order.length];
            for (int position = 0; position < order.length; position++) {
                folds[order[position]] = position % k;
            }
            foldOfLine.put(label, folds);
        }
    }

    /**
     * The number of folds.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * The fold of one sentence.
     *
     * @param label      its class
     * @param lineNumber its 1-based line in the class file
     * @return the fold, in [0, k)
     */
    public int foldOf(String label, long lineNumber) {
        int[] folds = foldOfLine.get(label);
        if (folds == null) {
            throw new IllegalArgumentException("unknown label '" + label + "', expected one of " + foldOfLine.keySet());
        }
        return folds[(int) (lineNumber - 1)];
    }

    /**
     * The number of sentences in each fold.
     *
     * @return sizes indexed by fold
     */
    public int[] sizes() {
        int[] sizes = new int[k];
        for (int[] folds : foldOfLine.values()) {
            for (int f : folds) {
                sizes[f]++;
            }
        }
        return sizes;
    }

    /**
     * One round of cross-validation: the sentences of {@code testFold} are {@link Split#TEST}, all others
     * {@link Split#TRAIN}.
     *
     * @param testFold the held-out fold, in [0, k)
     * @return every sentence of the corpus with its split for this round
     */
    public Stream<TextExample> round(int testFold) {
        if (testFold < 0 || testFold >= k) {
            throw new IllegalArgumentException("fold " + testFold + " outside [0, " + k + ")");
        }
        return corpus.lines((label, line) -> {
            int[] folds = foldOfLine.get(label);
            if (line.number() > folds.length) {
                throw line.error("the file grew after the folds were assigned (" + folds.length + " lines then)");
            }
            return folds[(int) (line.number() - 1)] == testFold ? Split.TEST : Split.TRAIN;
        });
    }
}
