package org.convkit.corpora.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.TextLines;

/**
 * The {@code SHA256SUMS} file of a fetched dataset, in the format {@code sha256sum} prints and checks
 * ({@code <hex>  <relative path>}), covering every other file of the directory.
 */
final class ChecksumManifest {

    static final String FILE = "SHA256SUMS";

    private ChecksumManifest() {
    }

    /** Hashes every regular file under {@code directory} except the manifest and writes the manifest. */
    static Map<String, String> write(Path directory) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (!relative.equals(FILE)) {
                    sums.put(relative, Checksums.sha256(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        StringBuilder text = new StringBuilder();
        sums.forEach((path, sum) -> text.append(sum).append("  ").append(path).append('\n'));
        try {
            Files.writeString(directory.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + directory, e);
        }
        return sums;
    }

    /**
     * Checks every file listed in the manifest.
     *
     * @return the number of files checked
     * @throws CorpusFormatException naming the first file that is missing or whose SHA-256 differs
     */
    static int verify(Path directory) {
        Path manifest = directory.resolve(FILE);
        int[] checked = {0};
        try (Stream<TextLines.Line> lines = TextLines.of(manifest, StandardCharsets.UTF_8)) {
            List<TextLines.Line> all = lines.toList();
            if (all.isEmpty()) {
                throw new CorpusFormatException(manifest, "empty manifest");
            }
            for (TextLines.Line line : all) {
                String text = line.text();
                if (text.length() < 67 || !text.substring(0, 64).matches("[0-9a-f]{64}") || !text.startsWith("  ", 64)) {
                    throw line.error("expected '<sha256>  <path>'");
                }
                String expected = text.substring(0, 64);
                Path file = directory.resolve(text.substring(66));
                if (!Files.isRegularFile(file)) {
                    throw new CorpusFormatException(file, "listed in " + manifest + " but missing; delete " + directory
                        + " to fetch again");
                }
                String actual = Checksums.sha256(file);
                if (!actual.equals(expected)) {
                    throw new CorpusFormatException(file, "SHA-256 is " + actual + ", the manifest " + manifest
                        + " says " + expected + "; the cached copy is damaged, delete " + directory + " to fetch again");
                }
                checked[0]++;
            }
        }
        return checked[0];
    }
}
