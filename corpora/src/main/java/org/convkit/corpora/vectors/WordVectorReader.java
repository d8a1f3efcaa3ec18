package org.convkit.corpora.vectors;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TextLines;

/**
 * Streams a pretrained word-vector file and keeps only the requested words, so a multi-gigabyte
 * file costs memory for the vocabulary alone. Files ending in {@code .gz} are decompressed on the fly;
 * a member of a {@code .zip} (such as {@code glove.6B.100d.txt} in {@code glove.6B.zip}) is read with
 * {@link #read(Path, String, Format, Collection)}. Words are matched exactly. A malformed entry (wrong
 * number of components, a component that is not a finite number) is reported with its line or entry number.
 */
public final class WordVectorReader {

    /** The file formats. */
    public enum Format {
        /**
         * GloVe text: {@code word v1 ... vD} per line, UTF-8, no header. The dimension is taken from the
         * first line; later lines with more fields have words containing spaces (GloVe 840B has some).
         */
        GLOVE_TEXT,
        /**
         * word2vec's binary format (GoogleNews-vectors-negative300.bin): an ASCII header {@code N D},
         * then per word its UTF-8 bytes, a space, and D little-endian 32-bit floats, optionally followed
         * by a newline.
         */
        WORD2VEC_BINARY,
        /** fastText {@code .vec}: a header line {@code N D}, then GloVe-style lines. */
        FASTTEXT_VEC
    }

    private WordVectorReader() {
    }

    /**
     * Reads the requested words' vectors from a file.
     *
     * @param file       the vector file ({@code .gz} is decompressed)
     * @param format     its format
     * @param vocabulary the words wanted; duplicates are ignored
     * @return the vectors found, with coverage
     * @throws CorpusFormatException naming the file and line (or entry) of a malformed entry
     */
    public static WordVectors read(Path file, Format format, Collection<String> vocabulary) {
        try (InputStream in = open(file)) {
            return read(in, file, format, vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads the requested words' vectors from one member of a zip archive.
     *
     * @param zip        the archive
     * @param entry      the member's name, e.g. {@code glove.6B.100d.txt}
     * @param format     the member's format
     * @param vocabulary the words wanted
     * @return the vectors found, with coverage
     * @throws CorpusFormatException if the member does not exist or is malformed
     */
    public static WordVectors read(Path zip, String entry, Format format, Collection<String> vocabulary) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            ZipEntry member = archive.getEntry(entry);
            if (member == null) {
                throw new CorpusFormatException(zip, "no member '" + entry + "' in the archive");
            }
            try (InputStream in = new BufferedInputStream(archive.getInputStream(member), 1 << 16)) {
                return read(in, zip.resolve(entry), format, vocabulary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new BufferedInputStream(raw, 1 << 16);
    }

    private static WordVectors read(InputStream in, Path name, Format format, Collection<String> vocabulary) throws IOException {
        List<String> requested = List.copyOf(new LinkedHashSet<>(vocabulary));
        Set<String> wanted = new java.util.HashSet<>(requested);
        return switch (format) {
            case GLOVE_TEXT -> readText(in, name, wanted, requested, false);
            case FASTTEXT_VEC -> readText(in, name, wanted, requested, true);
            case WORD2VEC_BINARY -> readBinary(in, name, wanted, requested);
        };
    }

    private static WordVectors readText(InputStream in, Path name, Set<String> wanted, List<String> requested,
                                        boolean header) {
        Map<String, float[]> found = new HashMap<>();
        long[] counts = new long[3]; // entries, duplicates, declared count (-1 = none)
        int[] dimension = {-1};
        counts[2] = -1;
        try (Stream<TextLines.Line> lines = TextLines.of(in, name, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                String text = stripTrailing(line.text());
                if (header && line.number() == 1) {
                    String[] parts = text.split(" ");
                    try {
                        if (parts.length != 2) {
                            throw new NumberFormatException();
                        }
                        counts[2] = Long.parseLong(parts[0]);
                        dimension[0] = Integer.parseInt(parts[1]);
                    } catch (NumberFormatException e) {
                        throw line.error("expected the header 'count dimension', found '" + line.text() + "'");
                    }
                    if (dimension[0] < 1 || counts[2] < 0) {
                        throw line.error("invalid header '" + line.text() + "'");
                    }
                    return;
                }
                int spaces = 0;
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == ' ') {
                        spaces++;
                    }
                }
                if (dimension[0] < 0) {
                    dimension[0] = spaces;
                    if (spaces < 1) {
                        throw line.error("expected 'word v1 ... vD', found no vector components");
                    }
                }
                int d = dimension[0];
                if (spaces < d) {
                    throw line.error("expected a word and " + d + " components, found " + spaces + " fields after the first");
                }
                // the word is everything before the last d space-separated fields
                int cut = -1;
                for (int s = 0; s < spaces - d + 1; s++) {
                    cut = text.indexOf(' ', cut + 1);
                }
                String word = text.substring(0, cut);
                if (word.isEmpty()) {
                    throw line.error("empty word");
                }
                counts[0]++;
                if (!wanted.contains(word)) {
                    return;
                }
                if (found.containsKey(word)) {
                    counts[1]++;
                    return;
                }
                float[] v = new float[d];
                int start = cut + 1;
                for (int k = 0; k < d; k++) {
                    int end = text.indexOf(' ', start);
                    if (end < 0) {
                        end = text.length();
                    }
                    v[k] = parse(line, text, start, end, k, word);
                    start = end + 1;
                }
                found.put(word, v);
            });
        }
        if (dimension[0] < 0) {
            throw new CorpusFormatException(name, "no vectors in the file");
        }
        if (header && counts[2] != counts[0]) {
            throw new CorpusFormatException(name, "the header declares " + counts[2] + " vectors but the file has " + counts[0]);
        }
        return new WordVectors(dimension[0], ordered(found, requested), requested, counts[0], counts[1]);
    }

    private static float parse(TextLines.Line line, String text, int start, int end, int k, String word) {
        float value;
        try {
            value = Float.parseFloat(text.substring(start, end));
        } catch (NumberFormatException e) {
            throw line.error("component " + (k + 1) + " of '" + word + "' is '" + text.substring(start, end)
                + "', expected a number");
        }
        if (!Float.isFinite(value)) {
            throw line.error("component " + (k + 1) + " of '" + word + "' is not finite (" + value + ")");
        }
        return value;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static WordVectors readBinary(InputStream in, Path name, Set<String> wanted, List<String> requested)
        throws IOException {
        String headerLine = readHeader(in, name);
        String[] parts = headerLine.strip().split("\\s+");
        long count;
        int dimension;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            count = Long.parseLong(parts[0]);
            dimension = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new CorpusFormatException(name, 1, "expected the header 'count dimension', found '" + headerLine + "'");
        }
        if (count < 0 || dimension < 1) {
            throw new CorpusFormatException(name, 1, "invalid header '" + headerLine + "'");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        Map<String, float[]> found = new HashMap<>();
        byte[] vectorBytes = new byte[4 * dimension];
        ByteBuffer floats = ByteBuffer.wrap(vectorBytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream wordBytes = new ByteArrayOutputStream(64);
        long duplicates = 0;
        for (long entry = 1; entry <= count; entry++) {
            wordBytes.reset();
            int b = in.read();
            while (b == '\n' || b == '\r') {
                b = in.read();
            }
            while (b != ' ' && b >= 0) {
                wordBytes.write(b);
                b = in.read();
            }
            if (b < 0) {
                throw new CorpusFormatException(name, "truncated: the header declares " + count
                    + " vectors but the file ends in entry " + entry);
            }
            String word;
            try {
                word = decoder.reset().decode(ByteBuffer.wrap(wordBytes.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new CorpusFormatException(name, "entry " + entry + ": the word is not valid UTF-8");
            }
            if (word.isEmpty()) {
                throw new CorpusFormatException(name, "entry " + entry + ": empty word");
            }
            if (in.readNBytes(vectorBytes, 0, vectorBytes.length) != vectorBytes.length) {
                throw new CorpusFormatException(name, "truncated inside the vector of entry " + entry + " ('" + word + "')");
            }
            if (!wanted.contains(word)) {
                continue;
            }
            if (found.containsKey(word)) {
                duplicates++;
                continue;
            }
            float[] v = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                v[k] = floats.getFloat(4 * k);
                if (!Float.isFinite(v[k])) {
                    throw new CorpusFormatException(name, "entry " + entry + " ('" + word + "'): component "
                        + (k + 1) + " is not finite (" + v[k] + ")");
                }
            }
            found.put(word, v);
        }
        return new WordVectors(dimension, ordered(found, requested), requested, count, duplicates);
    }

    private static String readHeader(InputStream in, Path name) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            header.write(b);
            if (header.size() > 100) {
                throw new CorpusFormatException(name, 1, "no header line 'count dimension' (is this a text file?)");
            }
        }
        return header.toString(StandardCharsets.US_ASCII);
    }

    private static Map<String, float[]> ordered(Map<String, float[]> found, List<String> requested) {
        Map<String, float[]> ordered = new java.util.LinkedHashMap<>();
        for (String w : requested) {
            float[] v = found.get(w);
            if (v != null) {
                ordered.put(w, v);
            }
        }
        return ordered;
    }
}
