package org.convkit.audio.kws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.io.AudioReader;
import org.convkit.io.ConvkitJson;
import org.convkit.io.ConvkitVersion;
import org.convkit.io.ModelFile;
import org.convkit.io.SavedModel;
import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;

/**
 * A trained keyword-spotting model with the front end it was trained with and its class labels:
 * gives class posteriors for a clip, computing exactly the training features.
 *
 * <p>Saved with {@link ModelFile} (safetensors layout); the metadata object holds {@code kind}
 * ({@value #KIND}), {@code model} (zoo name), {@code labels}, {@code frontEnd} ({@link KwsFrontEnd}:
 * kind, feature settings, statistics, clip length), and whatever the trainer adds under
 * {@code training}, {@code seed}, {@code metrics}, {@code corpus}, plus {@code convkit_version}.
 *
 * <p>Not thread-safe (the network and the extractor hold buffers); {@link #copy()} gives an
 * independent instance for another thread.
 */
public final class KwsModel {

    /** The metadata {@code kind} of a keyword-spotting model file. */
    public static final String KIND = "convkit-kws";

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    private final String name;
    private final Model network;
    private final List<String> labels;
    private final KwsFrontEnd frontEnd;
    private final ObjectNode metadata;
    private final FeatureExtractor extractor;
    private final float[] clip;
    private final float[] input;
    private final Tensor inputTensor;

    /**
     * Wraps a network.
     *
     * @param name     zoo name
     * @param network  the network (input 1 x frames x coefficients, output one logit per label)
     * @param labels   class labels, index = class id
     * @param frontEnd the training front end
     * @param extra    further metadata (training settings, metrics...), copied; may be null
     */
    public KwsModel(String name, Model network, List<String> labels, KwsFrontEnd frontEnd, ObjectNode extra) {
        this.name = Objects.requireNonNull(name, "name");
        this.network = Objects.requireNonNull(network, "network");
        this.labels = List.copyOf(labels);
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        int[] want = {1, frontEnd.frames(), frontEnd.coefficients()};
        int[] have = network.spec().inputs().get(0).shape().dims();
        if (!java.util.Arrays.equals(want, have)) {
            throw new IllegalArgumentException("network input " + java.util.Arrays.toString(have)
                    + " does not match the front end's " + java.util.Arrays.toString(want));
        }
        if (network.outputShape().size() != labels.size()) {
            throw new IllegalArgumentException("network has " + network.outputShape().size() + " outputs for "
                    + labels.size() + " labels");
        }
        this.metadata = extra == null ? JSON.createObjectNode() : extra.deepCopy();
        this.extractor = frontEnd.newExtractor();
        this.clip = new float[frontEnd.clipSamples()];
        this.input = new float[frontEnd.frames() * frontEnd.coefficients()];
        this.inputTensor = Tensor.wrap(input, 1, 1, frontEnd.frames(), frontEnd.coefficients());
    }

    /**
     * Loads a model file written by {@link #save}.
     *
     * @param file model file
     * @return the model
     * @throws IOException if the file is not a convkit model, is damaged, or its metadata is not a
     *                     keyword-spotting model's (the message names the file and the field)
     */
    public static KwsModel load(Path file) throws IOException {
        SavedModel saved = ModelFile.load(file);
        JsonNode m = saved.metadata();
        if (m == null || !KIND.equals(m.path("kind").asText())) {
            throw new IOException(file + ": metadata kind is '" + (m == null ? null : m.path("kind").asText())
                    + "'; expected a keyword-spotting model ('" + KIND + "')");
        }
        try {
            List<String> labels = new ArrayList<>();
            for (JsonNode l : required(file, m, "labels")) {
                labels.add(l.asText());
            }
            KwsFrontEnd fe = JSON.treeToValue(required(file, m, "frontEnd"), KwsFrontEnd.class);
            return new KwsModel(required(file, m, "model").asText(), saved.model(), labels, fe, (ObjectNode) m);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": " + "invalid keyword-spotting metadata: " + e.getMessage());
        }
    }

    private static JsonNode required(Path file, JsonNode m, String field) throws IOException {
        JsonNode n = m.get(field);
        if (n == null || n.isNull()) {
            throw new IOException(file + ": " + "metadata has no '" + field + "'");
        }
        return n;
    }

    /**
     * Saves the network, labels, front end and metadata (atomically).
     *
     * @param file destination
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        ObjectNode meta = metadata();
        ModelFile.save(file, network, meta);
    }

    /**
     * The full metadata object as saved.
     *
     * @return a copy
     */
    public ObjectNode metadata() {
        ObjectNode meta = metadata.deepCopy();
        meta.put("kind", KIND);
        meta.put("model", name);
        ArrayNode l = meta.putArray("labels");
        labels.forEach(l::add);
        meta.set("frontEnd", JSON.valueToTree(frontEnd));
        meta.put("convkit_version", ConvkitVersion.VERSION);
        return meta;
    }

    /**
     * Zoo name.
     *
     * @return e.g. {@code res8}
     */
    public String name() {
        return name;
    }

    /**
     * Class labels.
     *
     * @return labels, index = class id
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The front end.
     *
     * @return front end
     */
    public KwsFrontEnd frontEnd() {
        return frontEnd;
    }

    /**
     * The network.
     *
     * @return network (shared, not a copy)
     */
    public Model network() {
        return network;
    }

    /**
     * An independent copy for another thread.
     *
     * @return the copy
     */
    public KwsModel copy() {
        return new KwsModel(name, network.copy(), labels, frontEnd, metadata);
    }

    /**
     * Posteriors of a clip of samples at the front end's sample rate, fitted (zero-padded or cut at
     * the end) to the clip length as in training.
     *
     * @param samples mono samples
     * @return softmax probabilities, one per label
     */
    public float[] posteriors(float[] samples) {
        int n = Math.min(samples.length, clip.length);
        System.arraycopy(samples, 0, clip, 0, n);
        java.util.Arrays.fill(clip, n, clip.length, 0f);
        extractor.compute(clip, 0, clip.length, input, 0);
        float[] out = new float[labels.size()];
        posteriorsOfFeatures(input, 0, out);
        return out;
    }

    /**
     * Posteriors of an audio file (decoded, mixed down and resampled as in training).
     *
     * @param file audio file
     * @return softmax probabilities, one per label
     * @throws AudioFileException if the file cannot be decoded
     */
    public float[] posteriors(Path file) throws AudioFileException {
        return posteriors(AudioReader.readMono(file, frontEnd.settings().sampleRate()));
    }

    /**
     * Posteriors of a (normalised) feature map, for streaming.
     *
     * @param features time-major frames x coefficients features
     * @param offset   index of frame 0
     * @param out      destination of labels().size() probabilities
     */
    public void posteriorsOfFeatures(float[] features, int offset, float[] out) {
        if (features != input || offset != 0) {
            System.arraycopy(features, offset, input, 0, input.length);
        }
        Tensor logits = network.forward(false, inputTensor);
        softmax(logits.data(), 0, labels.size(), out);
    }

    static void softmax(float[] z, int offset, int k, float[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, z[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(z[offset + i] - max);
        }
        for (int i = 0; i < k; i++) {
            out[i] = (float) (Math.exp(z[offset + i] - max) / sum);
        }
    }
}
