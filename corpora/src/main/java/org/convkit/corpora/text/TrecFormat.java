package org.convkit.corpora.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.TextLines;

/**
 * The TREC question classification files of Li and Roth (2002), {@code train_5500.label} and
 * {@code TREC_10.label}: each line is {@code COARSE:fine question}, e.g.
 * {@code DESC:manner How did serfdom develop in and then leave Russia ?}. The files are read as
 * ISO-8859-1 (they are not valid UTF-8). The coarse label is one of six classes; the fine label is
 * kept whole ({@code NUM:date}), since fine names such as {@code other} recur under several coarse
 * classes (50 classes).
 */
public final class TrecFormat {

    /** The six coarse classes. */
    public static final List<String> COARSE_LABELS = List.of("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM");

    /** Which label set to use. */
    public enum Granularity {
        /** The 6 coarse classes (TREC-6). */
        COARSE,
        /** The 50 fine classes, written {@code COARSE:fine} (TREC-50). */
        FINE
    }

    private TrecFormat() {
    }

    /**
     * Streams a TREC file read as ISO-8859-1.
     *
     * @param file        the file
     * @param split       the split to give every example
     * @param granularity coarse or fine labels
     * @return the questions in file order
     * @throws org.convkit.corpora.CorpusFormatException (while streaming) naming the line if the label is not
     *                                                   {@code COARSE:fine} with a known coarse class, or the
     *                                                   question is empty
     */
    public static Stream<TextExample> read(Path file, Split split, Granularity granularity) {
        return read(file, split, granularity, StandardCharsets.ISO_8859_1);
    }

    /**
     * Streams a TREC file in a given encoding.
     *
     * @param file        the file
     * @param split       the split to give every example
     * @param granularity coarse or fine labels
     * @param charset     the encoding
     * @return the questions in file order
     */
    public static Stream<TextExample> read(Path file, Split split, Granularity granularity, Charset charset) {
        return TextLines.of(file, charset).map(line -> {
            String text = line.text().strip();
            int space = text.indexOf(' ');
            String label = space < 0 ? text : text.substring(0, space);
            int colon = label.indexOf(':');
            if (colon <= 0 || colon == label.length() - 1) {
                throw line.error("expected 'COARSE:fine question', found '" + line.text() + "'");
            }
            String coarse = label.substring(0, colon);
            if (!COARSE_LABELS.contains(coarse)) {
                throw line.error("unknown coarse class '" + coarse + "', expected one of " + COARSE_LABELS);
            }
            String question = space < 0 ? "" : text.substring(space + 1).strip();
            if (question.isEmpty()) {
                throw line.error("no question after the label " + label);
            }
            return new TextExample(question, granularity == Granularity.COARSE ? coarse : label, split);
        });
    }
}
