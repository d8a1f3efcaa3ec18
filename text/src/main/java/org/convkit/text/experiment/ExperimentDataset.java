package org.convkit.text.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.text.data.TextDataFormat;

/**
 * The real datasets {@code corpora} fetches, each with its fixed train/test split: Reuters-21578
 * Corn and Grain (Weka's ModApte ARFF files), and SpamAssassin subject lines and subject + body
 * (the split {@code corpora} derives from each message's MD5).
 */
public enum ExperimentDataset {
    /** Reuters-21578, "is the article about corn?" (ARFF, from the {@code reuters} fetch). */
    REUTERS_CORN("reuters-corn", "reuters", "ReutersCorn-train.arff", "ReutersCorn-test.arff", TextDataFormat.ARFF),
    /** Reuters-21578, "is the article about grain?". */
    REUTERS_GRAIN("reuters-grain", "reuters", "ReutersGrain-train.arff", "ReutersGrain-test.arff", TextDataFormat.ARFF),
    /** SpamAssassin public corpus, spam or ham from the subject line alone (TSV). */
    SPAM_SUBJECT("spam-subject", "spamassassin", "subject/train.tsv", "subject/test.tsv", TextDataFormat.TSV),
    /** SpamAssassin public corpus, spam or ham from subject and body. */
    SPAM_SUBJECT_BODY("spam-subject-body", "spamassassin", "subject-body/train.tsv", "subject-body/test.tsv",
        TextDataFormat.TSV);

    private final String id;
    private final String fetchName;
    private final String trainFile;
    private final String testFile;
    private final TextDataFormat format;

    ExperimentDataset(String id, String fetchName, String trainFile, String testFile, TextDataFormat format) {
        this.id = id;
        this.fetchName = fetchName;
        this.trainFile = trainFile;
        this.testFile = testFile;
        this.format = format;
    }

    /**
     * The name used on the command line and in the results.
     *
     * @return e.g. {@code reuters-corn}
     */
    public String id() {
        return id;
    }

    /**
     * The {@code CorpusFetcher} dataset holding the files.
     *
     * @return {@code reuters} or {@code spamassassin}
     */
    public String fetchName() {
        return fetchName;
    }

    /**
     * The training file inside the fetched directory.
     *
     * @param fetched the fetched dataset directory
     * @return the path
     */
    public Path trainFile(Path fetched) {
        return fetched.resolve(trainFile);
    }

    /**
     * The test file inside the fetched directory.
     *
     * @param fetched the fetched dataset directory
     * @return the path
     */
    public Path testFile(Path fetched) {
        return fetched.resolve(testFile);
    }

    /**
     * Reads the training examples.
     *
     * @param fetched the fetched dataset directory
     * @return the examples
     */
    public List<TextExample> train(Path fetched) {
        return format.read(trainFile(fetched), Split.TRAIN);
    }

    /**
     * Reads the test examples.
     *
     * @param fetched the fetched dataset directory
     * @return the examples
     */
    public List<TextExample> test(Path fetched) {
        return format.read(testFile(fetched), Split.TEST);
    }

    /**
     * Parses a command-line name.
     *
     * @param name e.g. {@code spam-subject}
     * @return the dataset
     * @throws IllegalArgumentException listing the names
     */
    public static ExperimentDataset parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ExperimentDataset d : values()) {
            if (d.id.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name
            + "', expected one of reuters-corn, reuters-grain, spam-subject, spam-subject-body");
    }
}
