package org.convkit.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training checkpoint: a model, its optimiser's state tensors (e.g. Adam's moment estimates,
 * keyed as the optimiser likes) and the number of finished epochs, in one safetensors file laid out
 * as a {@link ModelFile} with {@code format} = {@code convkit-checkpoint}, the optimiser tensors
 * stored as {@code optimizer/<key>} after the model's parameters, and two more metadata entries:
 * {@code epoch} and {@code optimizer_state} (the keys, as a JSON array, in order).
 *
 * <p>Other state that resuming needs (data-order RNG, learning-rate schedule position) goes into
 * {@code metadata}. Dropout masks are drawn from the model's seed, and their stream's position is
 * not saved: a resumed run draws masks again from the start of that stream.
 *
 * @param model          the model with its saved parameters
 * @param optimizerState the optimiser's tensors by key, in saved order (unmodifiable)
 * @param epoch          the number of finished epochs
 * @param metadata       the JSON object the trainer saved with it
 */
public record Checkpoint(Model model, Map<String, Tensor> optimizerState, int epoch, JsonNode metadata) {
    /** The {@code format} entry of a checkpoint file. */
    public static final String FORMAT = "convkit-checkpoint";
    static final String EPOCH = "epoch";
    static final String OPTIMIZER_KEYS = "optimizer_state";
    static final String PREFIX = "optimizer/";

    public Checkpoint {
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
    }

    /**
     * Saves a checkpoint atomically (see {@link AtomicFile}).
     *
     * @param optimizerState tensors by key (written in the map's iteration order: pass a LinkedHashMap or TreeMap)
     * @param metadata       null for none
     * @throws IllegalArgumentException if a tensor holds NaN or infinity, the epoch is negative, or an
     *                                  optimiser key would collide with a model parameter name
     */
    public static void save(Path file, Model model, Map<String, Tensor> optimizerState, int epoch, ObjectNode metadata)
            throws IOException {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        ConvkitHeader.requireFinite(model, file);
        Map<String, String> meta = ConvkitHeader.entries(FORMAT, model, metadata);
        meta.put(EPOCH, Integer.toString(epoch));
        ArrayNode keys = SafetensorsFile.JSON.createArrayNode();
        List<SafetensorsFile.Entry> tensors = ModelFile.tensors(model);
        for (Map.Entry<String, Tensor> e : optimizerState.entrySet()) {
            String name = PREFIX + e.getKey();
            if (model.parameters().containsKey(name)) {
                throw new IllegalArgumentException("optimizer state key '" + e.getKey() + "' would be stored as '" + name
                        + "', which is also a model parameter name");
            }
            Tensor t = e.getValue();
            t.requireFinite("cannot save checkpoint to " + file + ": optimizer state '" + e.getKey() + "'");
            keys.add(e.getKey());
            tensors.add(new SafetensorsFile.Entry(name, t));
        }
        meta.put(OPTIMIZER_KEYS, SafetensorsFile.JSON.writeValueAsString(keys));
        SafetensorsFile.write(file, meta, tensors);
    }

    /**
     * Loads a checkpoint saved by {@link #save}, with the same checks as {@link ModelFile#load}.
     *
     * @throws ModelFileException naming the file and the problem
     */
    public static Checkpoint load(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ConvkitHeader h = ConvkitHeader.read(ch, file, FORMAT);
            Map<String, String> meta = h.raw().metadata();
            int epoch = parseEpoch(file, meta.get(EPOCH));
            List<String> keys = parseKeys(file, meta.get(OPTIMIZER_KEYS));
            Set<String> names = new LinkedHashSet<>();
            for (String k : keys) names.add(PREFIX + k);
            Model model = h.newModel();
            for (String n : names) {
                if (model.parameters().containsKey(n)) {
                    throw new ModelFileException(file, "optimizer tensor '" + n + "' has the name of a model parameter");
                }
            }
            h.checkTensors(model, names);
            Map<String, float[]> values = SafetensorsFile.readData(ch, h.raw());
            h.setParameters(model, values);
            Map<String, SafetensorsFile.TensorInfo> infos = new LinkedHashMap<>();
            for (SafetensorsFile.TensorInfo t : h.raw().tensors()) infos.put(t.name(), t);
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (String k : keys) state.put(k, Tensor.wrap(values.get(PREFIX + k), infos.get(PREFIX + k).shape()));
            return new Checkpoint(model, state, epoch, h.metadata());
        }
    }

    private static int parseEpoch(Path file, String s) throws ModelFileException {
        if (s == null) throw new ModelFileException(file, "the header has no __metadata__." + EPOCH + " entry");
        try {
            int e = Integer.parseInt(s);
            if (e >= 0) return e;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ModelFileException(file, "__metadata__." + EPOCH + " is '" + s + "', expected a whole number >= 0");
    }

    private static List<String> parseKeys(Path file, String s) throws ModelFileException {
        if (s == null) throw new ModelFileException(file, "the header has no __metadata__." + OPTIMIZER_KEYS + " entry");
        JsonNode node;
        try {
            node = SafetensorsFile.JSON.readTree(s);
        } catch (JacksonException e) {
            node = null;
        }
        String bad = "__metadata__." + OPTIMIZER_KEYS + " is '" + s + "', expected a JSON array of distinct strings";
        if (node == null || !node.isArray()) throw new ModelFileException(file, bad);
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode k : node) {
            if (!k.isTextual() || !keys.add(k.textValue())) throw new ModelFileException(file, bad);
        }
        return List.copyOf(keys);
    }
}
