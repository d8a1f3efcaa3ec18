package org.convkit.corpora.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StreamTokenizer;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.convkit.corpora.CorpusFormatException;

/**
 * A Weka ARFF file, read with the tokenizer settings of Weka's own {@code ArffLoader} (a
 * {@link StreamTokenizer} where commas count as white space, {@code %} starts a comment, single and
 * double quotes enclose values with backslash escapes such as {@code \n}, and each instance ends at the
 * end of its line), so values come out exactly as Weka reads them. Dense and sparse
 * ({@code {index value, ...}}) instances are supported; in a sparse instance an omitted value is
 * {@code 0} for numeric attributes, the first declared value for nominal ones and the empty string
 * otherwise. The header is read by {@link #open}; instances are streamed by {@link #rows}.
 */
public final class ArffFile implements AutoCloseable {

    /**
     * One instance.
     *
     * @param line   the 1-based line it was read from
     * @param values one value per attribute as written (nominal values as declared); null where missing ({@code ?})
     */
    public record Row(long line, List<String> values) {
    }

    private final Path file;
    private final BufferedReader reader;
    private final StreamTokenizer tokenizer;
    private final String relation;
    private final List<ArffAttribute> attributes;

    private ArffFile(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
        this.tokenizer = new StreamTokenizer(reader);
        // Weka 3.6 ArffLoader.ArffReader.initTokenizer
        tokenizer.resetSyntax();
        tokenizer.whitespaceChars(0, ' ');
        tokenizer.wordChars(' ' + 1, '\u00FF');
        tokenizer.whitespaceChars(',', ',');
        tokenizer.commentChar('%');
        tokenizer.quoteChar('"');
        tokenizer.quoteChar('\'');
        tokenizer.ordinaryChar('{');
        tokenizer.ordinaryChar('}');
        tokenizer.eolIsSignificant(true);
        try {
            this.relation = readRelation();
            this.attributes = readAttributes();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Opens a UTF-8 ARFF file and reads its header.
     *
     * @param file the file
     * @return the open file; close it (or the stream of {@link #rows}) when done
     * @throws CorpusFormatException naming the line if the header is malformed
     */
    public static ArffFile open(Path file) {
        BufferedReader reader;
        try {
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        try {
            return new ArffFile(file, reader);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The relation name of the {@code @relation} line.
     *
     * @return the name
     */
    public String relation() {
        return relation;
    }

    /**
     * The declared attributes in order.
     *
     * @return the attributes
     */
    public List<ArffAttribute> attributes() {
        return attributes;
    }

    /**
     * Streams the instances after {@code @data}. Closing the stream closes the file.
     *
     * @return the instances in file order
     * @throws CorpusFormatException (while streaming) naming the line for a wrong number of values, a value
     *                               not declared for a nominal attribute, a numeric value that is not a finite
     *                               number, or a bad sparse index
     */
    public Stream<Row> rows() {
        Iterator<Row> it = new Iterator<>() {
            private Row next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = readRow();
                    } catch (IOException e) {
                        throw failure(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
            .onClose(this::close);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readRelation() throws IOException {
        nextSkippingBlankLines();
        if (tokenizer.ttype != StreamTokenizer.TT_WORD || !"@relation".equalsIgnoreCase(tokenizer.sval)) {
            throw error("expected @relation, found " + describeToken());
        }
        String name = nextValue("relation name");
        expectEndOfLine();
        return name;
    }

    private List<ArffAttribute> readAttributes() throws IOException {
        List<ArffAttribute> attributes = new ArrayList<>();
        while (true) {
            nextSkippingBlankLines();
            if (tokenizer.ttype == StreamTokenizer.TT_WORD && "@attribute".equalsIgnoreCase(tokenizer.sval)) {
                attributes.add(readAttribute());
            } else if (tokenizer.ttype == StreamTokenizer.TT_WORD && "@data".equalsIgnoreCase(tokenizer.sval)) {
                expectEndOfLine();
                if (attributes.isEmpty()) {
                    throw error("no @attribute declared before @data");
                }
                return List.copyOf(attributes);
            } else {
                throw error("expected @attribute or @data, found " + describeToken());
            }
        }
    }

    private ArffAttribute readAttribute() throws IOException {
        String name = nextValue("attribute name");
        int t = tokenizer.nextToken();
        if (t == '{') {
            List<String> values = new ArrayList<>();
            while (true) {
                t = tokenizer.nextToken();
                if (t == '}') {
                    break;
                }
                if (t == StreamTokenizer.TT_EOL || t == StreamTokenizer.TT_EOF) {
                    throw error("nominal values of attribute '" + name + "' are not closed with '}'");
                }
                if (t != StreamTokenizer.TT_WORD && t != '\'' && t != '"') {
                    throw error("unexpected " + describeToken() + " among the values of attribute '" + name + "'");
                }
                values.add(tokenizer.sval);
            }
            if (values.isEmpty()) {
                throw error("nominal attribute '" + name + "' declares no values");
            }
            expectEndOfLine();
            return new ArffAttribute(name, ArffAttribute.Type.NOMINAL, values);
        }
        if (t != StreamTokenizer.TT_WORD) {
            throw error("expected the type of attribute '" + name + "', found " + describeToken());
        }
        String type = tokenizer.sval.toLowerCase(Locale.ROOT);
        ArffAttribute.Type kind = switch (type) {
            case "numeric", "real", "integer" -> ArffAttribute.Type.NUMERIC;
            case "string" -> ArffAttribute.Type.STRING;
            case "date" -> ArffAttribute.Type.DATE;
            default -> throw error("unsupported type '" + tokenizer.sval + "' of attribute '" + name
                + "', expected numeric, real, integer, string, date or {nominal values}");
        };
        if (kind == ArffAttribute.Type.DATE) {
            t = tokenizer.nextToken();
            if (t != StreamTokenizer.TT_EOL && t != StreamTokenizer.TT_EOF) {
                expectEndOfLine(); // the optional date format was consumed
            }
        } else {
            expectEndOfLine();
        }
        return new ArffAttribute(name, kind, List.of());
    }

    private Row readRow() throws IOException {
        nextSkippingBlankLines();
        if (tokenizer.ttype == StreamTokenizer.TT_EOF) {
            return null;
        }
        long line = tokenizer.lineno();
        String[] values = new String[attributes.size()];
        if (tokenizer.ttype == '{') {
            for (int i = 0; i < values.length; i++) {
                ArffAttribute a = attributes.get(i);
                values[i] = switch (a.type()) {
                    case NUMERIC -> "0";
                    case NOMINAL -> a.values().get(0);
                    default -> "";
                };
            }
            int previous = -1;
            while (true) {
                int t = tokenizer.nextToken();
                if (t == '}') {
                    break;
                }
                if (t != StreamTokenizer.TT_WORD) {
                    throw error("expected an attribute index or '}' in a sparse instance, found " + describeToken());
                }
                int index;
                try {
                    index = Integer.parseInt(tokenizer.sval);
                } catch (NumberFormatException e) {
                    throw error("sparse index '" + tokenizer.sval + "' is not an integer");
                }
                if (index < 0 || index >= values.length || index <= previous) {
                    throw error("sparse index " + index + " is out of range [0, " + values.length
                        + ") or not increasing");
                }
                previous = index;
                values[index] = value(index);
            }
        } else {
            tokenizer.pushBack();
            for (int i = 0; i < values.length; i++) {
                int t = tokenizer.nextToken();
                if (t == StreamTokenizer.TT_EOL || t == StreamTokenizer.TT_EOF) {
                    throw new CorpusFormatException(file, line, "expected " + values.length + " values, found " + i);
                }
                tokenizer.pushBack();
                values[i] = value(i);
            }
        }
        int t = tokenizer.nextToken();
        if (t != StreamTokenizer.TT_EOL && t != StreamTokenizer.TT_EOF) {
            throw new CorpusFormatException(file, line, "expected " + values.length + " values, found more ("
                + describeToken() + ")");
        }
        return new Row(line, Arrays.asList(values));
    }

    private String value(int index) throws IOException {
        int t = tokenizer.nextToken();
        ArffAttribute attribute = attributes.get(index);
        if (t == StreamTokenizer.TT_EOL || t == StreamTokenizer.TT_EOF) {
            throw error("premature end of line: no value for attribute '" + attribute.name() + "'");
        }
        if (t != StreamTokenizer.TT_WORD && t != '\'' && t != '"') {
            throw error("unexpected " + describeToken() + " as value of attribute '" + attribute.name() + "'");
        }
        String value = tokenizer.sval;
        if (t == StreamTokenizer.TT_WORD && value.equals("?")) {
            return null;
        }
        switch (attribute.type()) {
            case NOMINAL -> {
                if (!attribute.values().contains(value)) {
                    throw error("value '" + value + "' is not declared for nominal attribute '" + attribute.name()
                        + "', expected one of " + attribute.values());
                }
            }
            case NUMERIC -> {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw error("value '" + value + "' of numeric attribute '" + attribute.name() + "' is not a number");
                }
                if (!Double.isFinite(number)) {
                    throw error("value '" + value + "' of numeric attribute '" + attribute.name() + "' is not finite");
                }
            }
            default -> {
            }
        }
        return value;
    }

    private String nextValue(String what) throws IOException {
        int t = tokenizer.nextToken();
        if (t != StreamTokenizer.TT_WORD && t != '\'' && t != '"') {
            throw error("expected the " + what + ", found " + describeToken());
        }
        return tokenizer.sval;
    }

    private void nextSkippingBlankLines() throws IOException {
        while (tokenizer.nextToken() == StreamTokenizer.TT_EOL) {
            // blank and comment-only lines
        }
    }

    private void expectEndOfLine() throws IOException {
        int t = tokenizer.nextToken();
        if (t != StreamTokenizer.TT_EOL && t != StreamTokenizer.TT_EOF) {
            throw error("expected end of line, found " + describeToken());
        }
    }

    private String describeToken() {
        return switch (tokenizer.ttype) {
            case StreamTokenizer.TT_EOF -> "end of file";
            case StreamTokenizer.TT_EOL -> "end of line";
            case StreamTokenizer.TT_WORD, '\'', '"' -> "'" + tokenizer.sval + "'";
            default -> "'" + (char) tokenizer.ttype + "'";
        };
    }

    private CorpusFormatException error(String problem) {
        // after an end-of-line token the tokenizer already counts the next line
        long line = tokenizer.ttype == StreamTokenizer.TT_EOL ? tokenizer.lineno() - 1 : tokenizer.lineno();
        return new CorpusFormatException(file, line, problem);
    }

    private RuntimeException failure(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new CorpusFormatException(file, tokenizer.lineno(), "bytes that are not valid UTF-8 near this line");
        }
        return new UncheckedIOException("cannot read " + file, e);
    }
}
