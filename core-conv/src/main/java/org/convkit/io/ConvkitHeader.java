package org.convkit.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Model;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The convkit layer over a safetensors header, shared by {@link ModelFile} and {@link Checkpoint}:
 * the {@code __metadata__} entries convkit writes, and the checks that a header is a convkit file
 * of the expected kind and version whose tensors match its architecture.
 */
record ConvkitHeader(SafetensorsFile.Header raw, ModelSpec spec, long seed, int formatVersion, String convkitVersion,
                     ObjectNode metadata) {

    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";
    static final String CONVKIT_VERSION = "convkit_version";
    static final String SEED = "seed";
    static final String ARCHITECTURE = "architecture";
    static final String METADATA = "metadata";

    /** The one format version this code writes and reads. */
    static final int VERSION = 1;

    /** The {@code __metadata__} entries for a model of the given file kind (without the checksums, which the writer adds). */
    static Map<String, String> entries(String format, Model model, ObjectNode metadata) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, format);
        m.put(FORMAT_VERSION, Integer.toString(VERSION));
        m.put(CONVKIT_VERSION, ConvkitVersion.VERSION);
        m.put(SEED, Long.toString(model.seed()));
        m.put(ARCHITECTURE, SafetensorsFile.JSON.writeValueAsString(model.spec()));
        m.put(METADATA, SafetensorsFile.JSON.writeValueAsString(
                metadata == null ? SafetensorsFile.JSON.createObjectNode() : metadata));
        return m;
    }

    /** Throws if a parameter holds NaN or infinity: such a file could not be loaded again. */
    static void requireFinite(Model model, Path file) {
        for (Parameter p : model.parameters().values()) {
            float[] v = p.value().data();
            for (int i = 0; i < p.size(); i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("cannot save model '" + model.spec().name() + "' to " + file
                            + ": parameter '" + p.name() + "' element " + i + " is " + v[i]
                            + "; only finite weights can be saved (did training diverge?)");
                }
            }
        }
    }

    /** What a file of each format is, for messages. */
    static String describe(String format) {
        return switch (format) {
            case ModelFile.FORMAT -> "a convkit model";
            case Checkpoint.FORMAT -> "a convkit training checkpoint";
            default -> "a safetensors file of format '" + format + "'";
        };
    }

    private static String hint(String format) {
        return switch (format) {
            case ModelFile.FORMAT -> "; read it with ModelFile.load";
            case Checkpoint.FORMAT -> "; read it with Checkpoint.load";
            default -> "";
        };
    }

    /**
     * Reads the header and checks, in this order: safetensors structure, that it is a convkit file
     * of {@code format}, its format version, the header checksum, the architecture, seed and metadata.
     */
    static ConvkitHeader read(FileChannel ch, Path file, String format) throws IOException {
        String expected = describe(format) + " file";
        SafetensorsFile.Header h = SafetensorsFile.readHeader(ch, file, expected);
        Map<String, String> meta = h.metadata();
        String actual = meta == null ? null : meta.get(FORMAT);
        if (actual == null) {
            throw new ModelFileException(file, "a safetensors file but not " + describe(format) + " (its header has no "
                    + SafetensorsFile.METADATA + "." + FORMAT + " entry; convkit writes '" + format + "')");
        }
        if (!actual.equals(format)) {
            throw new ModelFileException(file, describe(actual) + ", not " + describe(format) + hint(actual));
        }
        String v = require(h, FORMAT_VERSION);
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, SafetensorsFile.METADATA + "." + FORMAT_VERSION + " is '" + v
                    + "', expected a whole number");
        }
        String writer = meta.getOrDefault(CONVKIT_VERSION, "an unknown version");
        if (version != VERSION) {
            throw new ModelFileException(file, "format version " + version + " (written by convkit " + writer
                    + "); this convkit (" + ConvkitVersion.VERSION + ") reads format version " + VERSION + " only"
                    + (version > VERSION ? "; use a newer convkit" : ""));
        }
        SafetensorsFile.verifyHeaderChecksum(h);
        String convkitVersion = require(h, CONVKIT_VERSION);
        String arch = require(h, ARCHITECTURE);
        ModelSpec spec;
        try {
            spec = SafetensorsFile.JSON.readValue(arch, ModelSpec.class);
        } catch (JacksonException e) {
            throw new ModelFileException(file, "the architecture in the header is invalid: " + SafetensorsFile.message(e), e);
        }
        if (spec == null) throw new ModelFileException(file, "the architecture in the header is empty (null)");
        try {
            spec.shapes(); // checks every layer against its input shapes
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "the architecture in the header is invalid: " + e.getMessage(), e);
        }
        String s = require(h, SEED);
        long seed;
        try {
            seed = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, SafetensorsFile.METADATA + "." + SEED + " is '" + s
                    + "', expected a whole number");
        }
        String md = require(h, METADATA);
        JsonNode metadata;
        try {
            metadata = SafetensorsFile.JSON.readTree(md);
        } catch (JacksonException e) {
            throw new ModelFileException(file, SafetensorsFile.METADATA + "." + METADATA + " is not valid JSON: "
                    + SafetensorsFile.message(e), e);
        }
        if (metadata == null || !metadata.isObject()) {
            throw new ModelFileException(file, SafetensorsFile.METADATA + "." + METADATA + " must be a JSON object");
        }
        return new ConvkitHeader(h, spec, seed, version, convkitVersion, (ObjectNode) metadata);
    }

    private static String require(SafetensorsFile.Header h, String key) throws ModelFileException {
        String v = h.metadata().get(key);
        if (v == null) throw new ModelFileException(h.file(), "the header has no " + SafetensorsFile.METADATA + "." + key + " entry");
        return v;
    }

    /** A model built from the architecture and seed (parameters at their initial values). */
    Model newModel() throws ModelFileException {
        try {
            return Model.create(spec, seed);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(raw.file(), "the architecture in the header is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the file holds exactly the model's parameters (by name, with the architecture's
     * shapes) plus the {@code others} tensor names, then the data layout.
     */
    void checkTensors(Model model, Set<String> others) throws ModelFileException {
        Path file = raw.file();
        Map<String, SafetensorsFile.TensorInfo> byName = new LinkedHashMap<>();
        for (SafetensorsFile.TensorInfo t : raw.tensors()) byName.put(t.name(), t);
        for (Parameter p : model.parameters().values()) {
            SafetensorsFile.TensorInfo t = byName.get(p.name());
            if (t == null) {
                throw new ModelFileException(file, "parameter '" + p.name() + "' (shape " + Arrays.toString(p.value().shape())
                        + ") that the architecture needs is missing from the file");
            }
            if (!Arrays.equals(t.shape(), p.value().shape())) {
                throw new ModelFileException(file, "parameter '" + p.name() + "' has shape " + t.shapeString()
                        + " in the file but the architecture needs " + Arrays.toString(p.value().shape()));
            }
        }
        Set<String> extra = new LinkedHashSet<>(byName.keySet());
        extra.removeAll(model.parameters().keySet());
        extra.removeAll(others);
        if (!extra.isEmpty()) {
            throw new ModelFileException(file, "the file holds tensor(s) " + extra
                    + " that the architecture has no parameter for");
        }
        for (String o : others) {
            if (!byName.containsKey(o)) throw new ModelFileException(file, "tensor '" + o + "' is missing from the file");
        }
        SafetensorsFile.checkLayout(raw);
    }

    /** Copies the model's parameters from {@code values} (already checked for shape and finiteness). */
    void setParameters(Model model, Map<String, float[]> values) {
        for (Parameter p : model.parameters().values()) {
            model.setParameter(p.name(), Tensor.wrap(values.get(p.name()), p.value().shape()));
        }
    }
}
