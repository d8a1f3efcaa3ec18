package org.convkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Model;
import org.convkit.nn.Parameter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves and loads a complete model (architecture, every parameter including batch-norm running
 * statistics, and the domain module's metadata) in one file that any safetensors reader opens.
 *
 * <p>Layout: an 8-byte little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON header,
 * space-padded so the data starts on an 8-byte boundary; then each parameter as little-endian
 * float32, back to back in the model's parameter order. The header has one entry per parameter,
 * {@code "conv1.weight": {"dtype":"F32","shape":[64,1,20,8],"data_offsets":[begin,end]}}, and
 * {@code "__metadata__"}, a map of strings:
 * <ul>
 *   <li>{@code format} = {@code convkit-model}, {@code format_version} = {@code 1},
 *       {@code convkit_version} = the release that wrote it;</li>
 *   <li>{@code architecture}: the {@link org.convkit.nn.ModelSpec} as JSON ({@link ConvkitJson});</li>
 *   <li>{@code seed}: the model's seed (decimal);</li>
 *   <li>{@code metadata}: the domain module's JSON object as a string (label set, feature settings,
 *       training settings, metrics, provenance);</li>
 *   <li>{@code weights_crc32} and {@code header_crc32}: CRC-32s (8 hex digits) of the data section
 *       and of the header's entries, to detect damage.</li>
 * </ul>
 * Saving is atomic ({@link AtomicFile}) and deterministic: the same model and metadata give the
 * same bytes. Loading checks everything and reports problems as a {@link ModelFileException}
 * naming the file and what was expected.
 */
public final class ModelFile {
    /** The {@code format} entry of a model file. */
    public static final String FORMAT = "convkit-model";
    /** The format version this release writes and reads. */
    public static final int FORMAT_VERSION = ConvkitHeader.VERSION;

    private ModelFile() {
    }

    /**
     * Saves {@code model} with {@code metadata} (null for none) to {@code file}, replacing it atomically.
     *
     * @throws IllegalArgumentException if a parameter holds NaN or infinity
     * @throws IOException              if the directory does not exist or writing fails (the old file, if any, is kept)
     */
    public static void save(Path file, Model model, ObjectNode metadata) throws IOException {
        ConvkitHeader.requireFinite(model, file);
        SafetensorsFile.write(file, ConvkitHeader.entries(FORMAT, model, metadata), tensors(model));
    }

    static List<SafetensorsFile.Entry> tensors(Model model) {
        List<SafetensorsFile.Entry> list = new ArrayList<>();
        for (Parameter p : model.parameters().values()) list.add(new SafetensorsFile.Entry(p.name(), p.value()));
        return list;
    }

    /**
     * Loads a model saved by {@link #save}: rebuilds it from the architecture and seed, then copies
     * in every saved parameter. The loaded model's outputs equal the saved model's bit for bit.
     *
     * @throws ModelFileException if the file is not a convkit model, has another format version, is
     *                            damaged (checksum), or its tensors do not match its architecture
     */
    public static SavedModel load(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ConvkitHeader h = ConvkitHeader.read(ch, file, FORMAT);
            Model model = h.newModel();
            h.checkTensors(model, Set.of());
            Map<String, float[]> values = SafetensorsFile.readData(ch, h.raw());
            h.setParameters(model, values);
            return new SavedModel(model, model.spec(), h.metadata(), h.formatVersion(), h.convkitVersion());
        }
    }

    /**
     * Reads only the header: architecture, seed, versions and metadata, without reading the weights
     * (so it is fast for any model size). Checks the header as {@link #load} does, but not the weights.
     */
    public static ModelFileHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ConvkitHeader h = ConvkitHeader.read(ch, file, FORMAT);
            return new ModelFileHeader(h.spec(), h.seed(), h.formatVersion(), h.convkitVersion(), h.metadata());
        }
    }

    /** The domain metadata object of a model file, read from the header only (see {@link #readHeader}). */
    public static JsonNode readMetadata(Path file) throws IOException {
        return readHeader(file).metadata();
    }
}
