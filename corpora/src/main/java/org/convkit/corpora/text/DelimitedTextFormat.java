package org.convkit.corpora.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.convkit.corpora.DelimitedLine;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.TextLines;

/**
 * Labelled text in a delimited file, one example per line: by default {@code label<TAB>text}
 * (tab-separated, unquoted) or {@code label,text} (comma-separated, RFC 4180 quoting). Every line must
 * have exactly the expected number of columns: the highest of the two column indexes plus one, or the
 * header's column count when there is a header.
 *
 * @param delimiter   the field separator
 * @param quoted      whether fields may be enclosed in double quotes
 * @param header      whether the first line names the columns and is skipped
 * @param labelColumn 0-based column of the label
 * @param textColumn  0-based column of the text
 * @param charset     the file encoding
 */
public record DelimitedTextFormat(char delimiter, boolean quoted, boolean header, int labelColumn, int textColumn,
                                  Charset charset) {

    /** Checks the columns. */
    public DelimitedTextFormat {
        Objects.requireNonNull(charset, "charset");
        if (labelColumn < 0 || textColumn < 0 || labelColumn == textColumn) {
            throw new IllegalArgumentException("label and text columns must be distinct and >= 0, got "
                + labelColumn + " and " + textColumn);
        }
    }

    /**
     * {@code label<TAB>text}, UTF-8, no header.
     *
     * @return the format
     */
    public static DelimitedTextFormat tsv() {
        return new DelimitedTextFormat('\t', false, false, 0, 1, StandardCharsets.UTF_8);
    }

    /**
     * {@code label,text} with RFC 4180 quoting, UTF-8, no header.
     *
     * @return the format
     */
    public static DelimitedTextFormat csv() {
        return new DelimitedTextFormat(',', true, false, 0, 1, StandardCharsets.UTF_8);
    }

    /**
     * The same format with or without a header line.
     *
     * @param hasHeader whether the first line names the columns
     * @return the changed format
     */
    public DelimitedTextFormat withHeader(boolean hasHeader) {
        return new DelimitedTextFormat(delimiter, quoted, hasHeader, labelColumn, textColumn, charset);
    }

    /**
     * Streams a file's examples.
     *
     * @param file  the file
     * @param split the split to give every example
     * @return the examples in file order; close the stream to close the file
     * @throws org.convkit.corpora.CorpusFormatException (while streaming) naming the line for a wrong column
     *                                                   count, an empty label or text, or a quoting error
     */
    public Stream<TextExample> read(Path file, Split split) {
        int[] expected = {Math.max(labelColumn, textColumn) + 1};
        return TextLines.of(file, charset).map(line -> {
            List<String> fields;
            try {
                fields = DelimitedLine.split(line.text(), delimiter, quoted);
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
            if (header && line.number() == 1) {
                if (fields.size() < expected[0]) {
                    throw line.error("header has " + fields.size() + " columns, expected at least " + expected[0]);
                }
                expected[0] = fields.size();
                return null;
            }
            if (fields.size() != expected[0]) {
                throw line.error("expected " + expected[0] + " " + describe() + " columns, found " + fields.size());
            }
            String label = fields.get(labelColumn).strip();
            String text = fields.get(textColumn).strip();
            if (label.isEmpty()) {
                throw line.error("empty label");
            }
            if (text.isEmpty()) {
                throw line.error("empty text");
            }
            return new TextExample(text, label, split);
        }).filter(Objects::nonNull);
    }

    private String describe() {
        return delimiter == '\t' ? "tab-separated" : "'" + delimiter + "'-separated";
    }
}
