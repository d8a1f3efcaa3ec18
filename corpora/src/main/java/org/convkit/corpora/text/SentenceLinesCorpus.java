package org.convkit.corpora.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.TextLines;

/**
 * A corpus stored as one file per class with one sentence per line and no predefined split: MR
 * (Pang and Lee 2005), Subj (Pang and Lee 2004), CR (Hu and Liu 2004) and MPQA (Wiebe et al. 2005)
 * in the form Kim (2014) used. Such corpora are evaluated with k-fold cross-validation
 * ({@link #folds}); Kim used 10 folds. Files are read as ISO-8859-1 by default, which maps every byte
 * to a character (the MR files are not valid UTF-8), and every line must hold a sentence.
 *
 * @param files   class label to file, in label order
 * @param charset the encoding of the files
 */
public record SentenceLinesCorpus(Map<String, Path> files, Charset charset) {

    /** Default cross-validation seed: the NumPy seed of Kim's {@code conv_net_sentence.py}. */
    public static final long DEFAULT_SEED = 3435;
    /** Kim's number of folds. */
    public static final int DEFAULT_FOLDS = 10;

    /** Copies the map, keeping its order, and rejects an empty one. */
    public SentenceLinesCorpus {
        Objects.requireNonNull(charset, "charset");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no class files");
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * MR, sentence polarity v1.0: {@code rt-polarity.pos} (label {@code positive}, 5331 sentences) and
     * {@code rt-polarity.neg} ({@code negative}, 5331).
     *
     * @param directory the folder holding the two files
     * @return the corpus
     */
    public static SentenceLinesCorpus movieReview(Path directory) {
        return of(directory, "positive", "rt-polarity.pos", "negative", "rt-polarity.neg");
    }

    /**
     * Subj, subjectivity v1.0: {@code quote.tok.gt9.5000} ({@code subjective}) and
     * {@code plot.tok.gt9.5000} ({@code objective}), 5000 each.
     *
     * @param directory the folder holding the two files
     * @return the corpus
     */
    public static SentenceLinesCorpus subjectivity(Path directory) {
        return of(directory, "subjective", "quote.tok.gt9.5000", "objective", "plot.tok.gt9.5000");
    }

    /**
     * CR, customer reviews as prepared for Kim (2014): {@code custrev.pos} and {@code custrev.neg}.
     *
     * @param directory the folder holding the two files
     * @return the corpus
     */
    public static SentenceLinesCorpus customerReviews(Path directory) {
        return of(directory, "positive", "custrev.pos", "negative", "custrev.neg");
    }

    /**
     * MPQA opinion polarity as prepared for Kim (2014): {@code mpqa.pos} and {@code mpqa.neg}.
     *
     * @param directory the folder holding the two files
     * @return the corpus
     */
    public static SentenceLinesCorpus mpqa(Path directory) {
        return of(directory, "positive", "mpqa.pos", "negative", "mpqa.neg");
    }

    private static SentenceLinesCorpus of(Path directory, String label1, String file1, String label2, String file2) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(label1, directory.resolve(file1));
        files.put(label2, directory.resolve(file2));
        for (Path p : files.values()) {
            if (!Files.isRegularFile(p)) {
                throw new CorpusFormatException(p, "missing (expected " + file1 + " and " + file2 + " in " + directory + ")");
            }
        }
        return new SentenceLinesCorpus(files, StandardCharsets.ISO_8859_1);
    }

    /**
     * Every sentence with its label, class by class, all marked {@link Split#TRAIN} (the corpus has no split).
     *
     * @return the sentences
     */
    public Stream<TextExample> examples() {
        return lines((label, line) -> Split.TRAIN);
    }

    /**
     * Assigns every sentence to one of {@code k} folds.
     *
     * @param k    the number of folds (Kim: 10)
     * @param seed fixes the assignment
     * @return the folds
     */
    public CrossValidationFolds folds(int k, long seed) {
        return new CrossValidationFolds(this, k, seed);
    }

    interface SplitRule {
        Split splitOf(String label, TextLines.Line line);
    }

    Stream<TextExample> lines(SplitRule rule) {
        return files.entrySet().stream().flatMap(entry -> TextLines.of(entry.getValue(), charset).map(line -> {
            String text = line.text().strip();
            if (text.isEmpty()) {
                throw line.error("empty line (expected one sentence per line)");
            }
            return new TextExample(text, entry.getKey(), rule.splitOf(entry.getKey(), line));
        }));
    }

    long countLines(String label) {
        try (Stream<TextLines.Line> lines = TextLines.of(files.get(label), charset)) {
            return lines.count();
        }
    }
}
