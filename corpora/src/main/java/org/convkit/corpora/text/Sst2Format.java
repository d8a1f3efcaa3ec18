package org.convkit.corpora.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.TextLines;

/**
 * SST-2 as distributed with GLUE: UTF-8 TSV files with a header. {@code train.tsv} and {@code dev.tsv}
 * have the columns {@code sentence, label} with labels {@code 0} (negative) and {@code 1} (positive);
 * {@code test.tsv} has {@code index, sentence} and no labels (GLUE keeps them private), so papers
 * report accuracy on {@code dev.tsv}.
 */
public final class Sst2Format {

    /** Header of the labelled files. */
    public static final List<String> LABELLED_HEADER = List.of("sentence", "label");
    /** Header of the unlabelled test file. */
    public static final List<String> TEST_HEADER = List.of("index", "sentence");

    private Sst2Format() {
    }

    /**
     * Streams a labelled SST-2 file ({@code train.tsv} or {@code dev.tsv}).
     *
     * @param file  the file
     * @param split the split to give every example
     * @return the examples with labels {@code 0} or {@code 1}
     * @throws CorpusFormatException (while streaming) naming the line for a wrong header, a wrong column
     *                               count, an empty sentence or a label other than 0 and 1
     */
    public static Stream<TextExample> read(Path file, Split split) {
        return TextLines.of(file, StandardCharsets.UTF_8).map(line -> {
            String[] fields = line.text().split("\t", -1);
            if (line.number() == 1) {
                if (!List.of(fields).equals(LABELLED_HEADER)) {
                    throw line.error("expected the header 'sentence<TAB>label', found '" + line.text() + "'"
                        + (List.of(fields).equals(TEST_HEADER) ? " (the unlabelled test file; use sentences())" : ""));
                }
                return null;
            }
            if (fields.length != 2) {
                throw line.error("expected 2 tab-separated columns (sentence, label), found " + fields.length);
            }
            String sentence = fields[0].strip();
            String label = fields[1].strip();
            if (sentence.isEmpty()) {
                throw line.error("empty sentence");
            }
            if (!label.equals("0") && !label.equals("1")) {
                throw line.error("label '" + label + "', expected 0 or 1");
            }
            return new TextExample(sentence, label, split);
        }).filter(Objects::nonNull);
    }

    /**
     * The sentences of the unlabelled {@code test.tsv}, in file order.
     *
     * @param file the test file
     * @return the sentences
     * @throws CorpusFormatException (while streaming) for a wrong header or column count
     */
    public static Stream<String> sentences(Path file) {
        return TextLines.of(file, StandardCharsets.UTF_8).map(line -> {
            String[] fields = line.text().split("\t", -1);
            if (line.number() == 1) {
                if (!List.of(fields).equals(TEST_HEADER)) {
                    throw line.error("expected the header 'index<TAB>sentence', found '" + line.text() + "'");
                }
                return null;
            }
            if (fields.length != 2 || fields[1].isBlank()) {
                throw line.error("expected 2 tab-separated columns (index, sentence) with a sentence");
            }
            return fields[1].strip();
        }).filter(Objects::nonNull);
    }

    /**
     * The labelled part of a GLUE SST-2 folder: {@code train.tsv} as {@link Split#TRAIN} followed by
     * {@code dev.tsv} as {@link Split#VALIDATION}.
     *
     * @param directory the {@code SST-2} folder
     * @return the examples
     * @throws CorpusFormatException if either file is missing
     */
    public static Stream<TextExample> corpus(Path directory) {
        Path train = directory.resolve("train.tsv");
        Path dev = directory.resolve("dev.tsv");
        for (Path p : List.of(train, dev)) {
            if (!Files.isRegularFile(p)) {
                throw new CorpusFormatException(p, "missing (expected GLUE's SST-2 folder with train.tsv and dev.tsv)");
            }
        }
        return Stream.concat(read(train, Split.TRAIN), read(dev, Split.VALIDATION));
    }
}
