package org.convkit.corpora.text;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;

/**
 * Labelled text in a Weka ARFF file with a string attribute, the form in which Weka distributes the
 * Reuters-21578 Corn and Grain sets ({@code @attribute Text string}, {@code @attribute class-att {0,1}}).
 *
 * @param textAttribute  the string attribute holding the text, or null for the first string attribute
 * @param classAttribute the nominal attribute holding the label, or null for the last nominal attribute
 *                       (Weka's default class is the last attribute)
 */
public record ArffTextFormat(String textAttribute, String classAttribute) {

    /**
     * The first string attribute as text and the last nominal attribute as label.
     *
     * @return the format
     */
    public static ArffTextFormat defaults() {
        return new ArffTextFormat(null, null);
    }

    /**
     * Streams the labelled texts of an ARFF file.
     *
     * @param file  the ARFF file
     * @param split the split to give every example
     * @return the examples in file order; close the stream to close the file
     * @throws CorpusFormatException if the attributes are not found, or (while streaming) naming the line
     *                               of an instance whose text or label is missing or empty
     */
    public Stream<TextExample> read(Path file, Split split) {
        ArffFile arff = ArffFile.open(file);
        try {
            List<ArffAttribute> attributes = arff.attributes();
            int text = find(file, attributes, textAttribute, ArffAttribute.Type.STRING, true);
            int label = find(file, attributes, classAttribute, ArffAttribute.Type.NOMINAL, false);
            return arff.rows().map(row -> {
                String t = row.values().get(text);
                String l = row.values().get(label);
                if (t == null || t.isBlank()) {
                    throw new CorpusFormatException(file, row.line(), "missing or empty text in attribute '"
                        + attributes.get(text).name() + "'");
                }
                if (l == null) {
                    throw new CorpusFormatException(file, row.line(), "missing label in attribute '"
                        + attributes.get(label).name() + "'");
                }
                return new TextExample(t, l, split);
            });
        } catch (RuntimeException e) {
            arff.close();
            throw e;
        }
    }

    private static int find(Path file, List<ArffAttribute> attributes, String name, ArffAttribute.Type type, boolean first) {
        if (name != null) {
            for (int i = 0; i < attributes.size(); i++) {
                if (attributes.get(i).name().equals(name)) {
                    if (attributes.get(i).type() != type) {
                        throw new CorpusFormatException(file, "attribute '" + name + "' is " + attributes.get(i).type()
                            + ", expected " + type);
                    }
                    return i;
                }
            }
            throw new CorpusFormatException(file, "no attribute '" + name + "'");
        }
        int found = -1;
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).type() == type) {
                found = i;
                if (first) {
                    break;
                }
            }
        }
        if (found < 0) {
            throw new CorpusFormatException(file, "no " + type.name().toLowerCase(java.util.Locale.ROOT) + " attribute");
        }
        return found;
    }
}
