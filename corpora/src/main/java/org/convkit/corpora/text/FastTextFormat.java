package org.convkit.corpora.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.TextLines;

/**
 * fastText's supervised format, UTF-8: each line starts with its label as {@code __label__<name>},
 * followed by whitespace and the text. Lines carrying more than one label (multi-label data) are
 * rejected, since an example has one label.
 */
public final class FastTextFormat {

    /** The prefix that marks a label token. */
    public static final String LABEL_PREFIX = "__label__";

    private FastTextFormat() {
    }

    /**
     * Streams a file's examples.
     *
     * @param file  the file
     * @param split the split to give every example
     * @return the examples in file order; close the stream to close the file
     * @throws org.convkit.corpora.CorpusFormatException (while streaming) naming the line if it has no label,
     *                                                   several labels, an empty label name or no text
     */
    public static Stream<TextExample> read(Path file, Split split) {
        return TextLines.of(file, StandardCharsets.UTF_8).map(line -> {
            String text = line.text().strip();
            if (!text.startsWith(LABEL_PREFIX)) {
                throw line.error("expected the line to start with " + LABEL_PREFIX + "<label>");
            }
            int end = 0;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String label = text.substring(LABEL_PREFIX.length(), end);
            if (label.isEmpty()) {
                throw line.error("empty label after " + LABEL_PREFIX);
            }
            String rest = text.substring(end).strip();
            if (rest.startsWith(LABEL_PREFIX)) {
                throw line.error("more than one label (multi-label lines are not supported)");
            }
            if (rest.isEmpty()) {
                throw line.error("no text after the label");
            }
            return new TextExample(rest, label, split);
        });
    }
}
