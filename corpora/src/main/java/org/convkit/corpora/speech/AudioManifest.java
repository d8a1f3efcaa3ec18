package org.convkit.corpora.speech;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.CorpusFormatException;
import org.convkit.corpora.DelimitedLine;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextLines;

/**
 * An audio corpus described by a manifest file: one clip per line with its path, label and optionally
 * speaker and split. A {@code .csv} manifest is comma-separated with RFC 4180 quoting; any other is
 * tab-separated. If the first line names the columns (it contains {@code path} and {@code label};
 * {@code file} and {@code class} are accepted too), columns are found by name and may come in any
 * order; otherwise the order is {@code path, label[, speaker[, split]]}. Relative paths are resolved
 * against the manifest's folder. A missing split is computed with TensorFlow's hash rule (10 % / 10 %);
 * a missing speaker is empty.
 *
 * @param manifest    the manifest file
 * @param requirement the format every clip must have, or null for no check (the file must exist either way)
 */
public record AudioManifest(Path manifest, WavRequirement requirement) {

    /**
     * A manifest without a format check.
     *
     * @param manifest the manifest file
     * @return the corpus
     */
    public static AudioManifest of(Path manifest) {
        return new AudioManifest(manifest, null);
    }

    /**
     * Streams the manifest's clips in file order.
     *
     * @return the clips; close the stream to close the file
     * @throws CorpusFormatException (while streaming) naming the line for a blank line, a missing or empty
     *                               column, an unknown split name, or a clip that does not exist
     */
    public Stream<AudioExample> examples() {
        boolean csv = manifest.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        char delimiter = csv ? ',' : '\t';
        Path base = manifest.toAbsolutePath().getParent();
        int[] columns = {0, 1, 2, 3}; // path, label, speaker, split; -1 = absent
        boolean[] header = {false};
        Stream<TextLines.Line> lines = TextLines.of(manifest, StandardCharsets.UTF_8);
        return lines.map(line -> {
            List<String> fields = fields(line, delimiter, csv);
            if (line.number() == 1) {
                List<String> names = fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
                int path = indexOf(names, "path", "file");
                int label = indexOf(names, "label", "class");
                if (path >= 0 && label >= 0) {
                    columns[0] = path;
                    columns[1] = label;
                    columns[2] = names.indexOf("speaker");
                    columns[3] = names.indexOf("split");
                    header[0] = true;
                    return null;
                }
            }
            int required = Math.max(columns[0], columns[1]) + 1;
            if (fields.size() < required) {
                throw line.error("expected at least " + required + " " + (csv ? "comma" : "tab")
                    + "-separated columns (path, label), found " + fields.size());
            }
            int maxColumns = header[0] ? Integer.MAX_VALUE : 4;
            if (fields.size() > maxColumns) {
                throw line.error("expected at most 4 columns (path, label, speaker, split), found " + fields.size());
            }
            String pathText = fields.get(columns[0]).strip();
            String label = fields.get(columns[1]).strip();
            if (pathText.isEmpty() || label.isEmpty()) {
                throw line.error("empty " + (pathText.isEmpty() ? "path" : "label"));
            }
            String speaker = column(fields, columns[2]);
            String splitText = column(fields, columns[3]);
            Path clip = base.resolve(pathText).normalize();
            if (!Files.isRegularFile(clip)) {
                throw line.error("audio file " + clip + " does not exist");
            }
            Split split;
            try {
                split = splitText.isEmpty() ? SpeechCommandsSplit.whichSet(pathText) : Split.parse(splitText);
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
            if (requirement != null) {
                requirement.check(clip);
            }
            return new AudioExample(clip, label, speaker, split);
        }).filter(e -> e != null);
    }

    private static List<String> fields(TextLines.Line line, char delimiter, boolean quoted) {
        if (line.text().isBlank()) {
            throw line.error("blank line (expected path and label)");
        }
        try {
            return DelimitedLine.split(line.text(), delimiter, quoted);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
    }

    private static int indexOf(List<String> names, String name, String alias) {
        int i = names.indexOf(name);
        return i >= 0 ? i : names.indexOf(alias);
    }

    private static String column(List<String> fields, int index) {
        return index >= 0 && index < fields.size() ? fields.get(index).strip() : "";
    }
}
