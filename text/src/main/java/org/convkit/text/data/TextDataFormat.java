package org.convkit.text.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.text.ArffTextFormat;
import org.convkit.corpora.text.DelimitedTextFormat;
import org.convkit.corpora.text.FastTextFormat;
import org.convkit.corpora.text.Sst2Format;
import org.convkit.corpora.text.TrecFormat;

/**
 * The labelled-text file formats the {@code text} commands read, each delegating to the reader in
 * {@code org.convkit.corpora.text}, which reports a malformed line with its file and line number.
 */
public enum TextDataFormat {
    /** {@code label<TAB>text} per line, no header ({@link DelimitedTextFormat#tsv()}). */
    TSV,
    /** {@code label,text} per line with optional double quotes, no header ({@link DelimitedTextFormat#csv()}). */
    CSV,
    /** fastText: {@code __label__X text} per line. */
    FASTTEXT,
    /** Weka ARFF with a string attribute (text) and a nominal class attribute (label). */
    ARFF,
    /** GLUE SST-2 {@code sentence<TAB>label} with a header line. */
    SST2,
    /** TREC questions with the 6 coarse labels. */
    TREC,
    /** TREC questions with the 50 fine labels. */
    TREC_FINE;

    /**
     * Parses a command-line name, case-insensitively ({@code tsv}, {@code csv}, {@code fasttext},
     * {@code arff}, {@code sst2}, {@code trec}, {@code trec-fine}).
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException listing the accepted names
     */
    public static TextDataFormat parse(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TextDataFormat f : values()) {
            if (f.name().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown data format '" + name
            + "', expected one of tsv, csv, fasttext, arff, sst2, trec, trec-fine");
    }

    /**
     * Guesses the format from a file name: {@code .arff}, {@code .csv}, {@code .ft} or
     * {@code .fasttext}, else TSV.
     *
     * @param file the file
     * @return the format
     */
    public static TextDataFormat guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".arff")) {
            return ARFF;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".ft") || name.endsWith(".fasttext")) {
            return FASTTEXT;
        }
        return TSV;
    }

    /**
     * Reads every example of a file.
     *
     * @param file  the file
     * @param split the split to give the examples
     * @return the examples in file order
     * @throws org.convkit.corpora.CorpusFormatException naming the file and line of a malformed entry
     */
    public List<TextExample> read(Path file, Split split) {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(split, "split must not be null");
        try (Stream<TextExample> examples = stream(file, split)) {
            return examples.toList();
        }
    }

    private Stream<TextExample> stream(Path file, Split split) {
        return switch (this) {
            case TSV -> DelimitedTextFormat.tsv().read(file, split);
            case CSV -> DelimitedTextFormat.csv().read(file, split);
            case FASTTEXT -> FastTextFormat.read(file, split);
            case ARFF -> ArffTextFormat.defaults().read(file, split);
            case SST2 -> Sst2Format.read(file, split);
            case TREC -> TrecFormat.read(file, split, TrecFormat.Granularity.COARSE);
            case TREC_FINE -> TrecFormat.read(file, split, TrecFormat.Granularity.FINE);
        };
    }
}
