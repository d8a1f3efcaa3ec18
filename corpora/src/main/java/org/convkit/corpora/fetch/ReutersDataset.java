package org.convkit.corpora.fetch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.CorpusStats;
import org.convkit.corpora.CountTable;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.text.ArffTextFormat;

/**
 * Reuters-21578 Corn and Grain as Weka ships them in Debian's {@code weka} package: four ARFF files
 * ({@code ReutersCorn-train.arff}, {@code -test}, {@code ReutersGrain-train.arff}, {@code -test}) with a
 * {@code Text} string attribute and {@code class-att {0,1}} (1 = the article is about corn, resp. grain).
 * They are ModApte train/test subsets (one fifth of each, Weka's {@code RemoveFolds -N 5 -F 1}).
 * The {@code .deb} is checked against apt's index, each file against the package's {@code md5sums}
 * and against the SHA-256 convkit was validated with; the files are copied unchanged.
 */
final class ReutersDataset implements FetchableDataset {

    static final String NAME = "reuters";
    static final String PACKAGE = "weka";
    private static final String EXAMPLES = "usr/share/doc/weka/examples/";
    /** SHA-256 of the ARFF files in weka 3.6.14-3 (Debian bookworm). */
    static final Map<String, String> PINNED_SHA256 = pinned();

    private static Map<String, String> pinned() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ReutersCorn-train.arff", "1855af1b69c21491a103ae414a1ffe5103c633aa5ad920abde2115aac9f55322");
        m.put("ReutersCorn-test.arff", "e7b3cf0bc83bfa449abeacaef3083e3573f89b4fc2a36111fe59b18ff68e9e33");
        m.put("ReutersGrain-train.arff", "87abc5c45221a5027329912a1ed85d670edf338e696a2a2744893ae71cc2ae1b");
        m.put("ReutersGrain-test.arff", "957e519ba6094b5e1f5aaf0ab4c0829052c8c9b5fd3c586834ddbef77f704cea");
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fetchInto(Path scratch, Path target, PrintStream progress) throws IOException {
        progress.println("apt-get download " + PACKAGE);
        Path deb = PackageClients.aptDownload(PACKAGE, scratch);
        Path files = scratch.resolve("files");
        Path control = scratch.resolve("control");
        PackageClients.unpackDeb(deb, files, control);
        List<String> notes = new ArrayList<>();
        notes.add("source: Debian package " + deb.getFileName() + ", SHA-256 " + Checksums.sha256(deb)
            + " (matches apt-cache show)");
        notes.addAll(install(deb, files, control, target, PINNED_SHA256));
        return notes;
    }

    /**
     * Checks the ARFF files of an unpacked package against its md5sums and the pinned SHA-256 and
     * copies them into {@code target}; returns notes.
     */
    static List<String> install(Path deb, Path files, Path control, Path target, Map<String, String> pinned)
        throws IOException {
        Map<String, String> md5 = readMd5sums(control.resolve("md5sums"));
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : pinned.entrySet()) {
            Path file = files.resolve(EXAMPLES + e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new CorpusFormatException(deb, "has no " + EXAMPLES + e.getKey());
            }
            String expectedMd5 = md5.get(EXAMPLES + e.getKey());
            String actualMd5 = java.util.HexFormat.of().formatHex(Checksums.digest(file, "MD5"));
            if (!actualMd5.equals(expectedMd5)) {
                throw new CorpusFormatException(file, "MD5 " + actualMd5 + " differs from the package's md5sums (" + expectedMd5 + ")");
            }
            String sha = Checksums.sha256(file);
            if (!sha.equals(e.getValue())) {
                throw new CorpusFormatException(file, "SHA-256 " + sha + " differs from the validated " + e.getValue()
                    + " (a different weka version?)");
            }
            Files.copy(file, target.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
        notes.add("the 4 ARFF files match the package's md5sums and the pinned SHA-256; copied unchanged");
        notes.add("labels: class-att 1 = about corn (grain), 0 = not; splits: ModApte train/test as in the file names");
        Path copyright = files.resolve("usr/share/doc/weka/copyright");
        if (Files.isRegularFile(copyright)) {
            Files.copy(copyright, target.resolve("copyright"), StandardCopyOption.REPLACE_EXISTING);
        }
        return notes;
    }

    static Map<String, String> readMd5sums(Path file) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.length() > 34) {
                sums.put(line.substring(34).strip(), line.substring(0, 32));
            }
        }
        return sums;
    }

    @Override
    public Map<String, Path> files(Path directory) {
        Map<String, Path> files = new TreeMap<>();
        for (String name : PINNED_SHA256.keySet()) {
            files.put(name.replace("Reuters", "").replace(".arff", "").toLowerCase(java.util.Locale.ROOT), directory.resolve(name));
        }
        return files;
    }

    @Override
    public Map<String, CountTable> counts(Path directory) {
        Map<String, CountTable> counts = new TreeMap<>();
        for (String topic : List.of("Corn", "Grain")) {
            CountTable table = new CountTable("class");
            for (Split split : List.of(Split.TRAIN, Split.TEST)) {
                Path file = directory.resolve("Reuters" + topic + "-" + (split == Split.TRAIN ? "train" : "test") + ".arff");
                try (Stream<TextExample> examples = ArffTextFormat.defaults().read(file, split)) {
                    CorpusStats.ofText(examples).labels().asMap().forEach((label, row) -> table.add(label, split, row.get(split)));
                }
            }
            counts.put(topic.toLowerCase(java.util.Locale.ROOT), table);
        }
        return counts;
    }
}
