package org.convkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Dense;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {

    @TempDir
    Path dir;

    /** x[2] -> Dense(1) with weight [1.5, -2] and bias 0.25: small enough to check every byte by hand. */
    static Model tiny() {
        ModelBuilder b = new ModelBuilder("tiny");
        Model m = Model.create(b.build(b.input("x", 2).then("d", Dense.of(1))), 7);
        m.setParameter("d.weight", Tensor.of(new float[]{1.5f, -2f}, 1, 2));
        m.setParameter("d.bias", Tensor.of(new float[]{0.25f}, 1));
        return m;
    }

    static ObjectNode labels(String... names) {
        ObjectNode md = RawFile.PLAIN.createObjectNode();
        md.putArray("labels").addAll(Arrays.stream(names).map(md::textNode).toList());
        return md;
    }

    @Test
    void writesSafetensorsLayoutWithHandComputedBytes() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        ModelFile.save(f, tiny(), labels("a"));
        RawFile raw = RawFile.read(f);

        assertEquals(0, (8 + raw.headerLength()) % 8, "data must start on an 8-byte boundary");
        assertEquals(8 + raw.headerLength() + 12, Files.size(f));
        String text = raw.headerText();
        assertEquals('{', text.charAt(0));
        assertTrue(text.substring(text.lastIndexOf('}') + 1).isBlank(), "only spaces may pad the header");
        // IEEE 754 little-endian: 1.5 = 0x3FC00000, -2 = 0xC0000000, 0.25 = 0x3E800000
        assertArrayEquals(new byte[]{0, 0, (byte) 0xC0, 0x3F, 0, 0, 0, (byte) 0xC0, 0, 0, (byte) 0x80, 0x3E}, raw.data());

        JsonNode w = raw.json().get("d.weight"), bias = raw.json().get("d.bias");
        assertEquals("{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}", w.toString());
        assertEquals("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}", bias.toString());
        List<String> order = new ArrayList<>();
        raw.json().fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("__metadata__", "d.weight", "d.bias"), order);

        ObjectNode md = raw.metadata();
        assertEquals("convkit-model", md.get("format").textValue());
        assertEquals("1", md.get("format_version").textValue());
        assertEquals(ConvkitVersion.VERSION, md.get("convkit_version").textValue());
        assertEquals("7", md.get("seed").textValue());
        assertEquals("{\"name\":\"tiny\",\"inputs\":[{\"name\":\"x\",\"shape\":[2]}],\"nodes\":[{\"name\":\"d\","
                + "\"layer\":{\"type\":\"Dense\",\"units\":1,\"bias\":true,\"init\":\"PYTORCH_DEFAULT\"},\"inputs\":[\"x\"]}],"
                + "\"output\":\"d\"}", md.get("architecture").textValue());
        assertEquals("{\"labels\":[\"a\"]}", md.get("metadata").textValue());
        // zlib.crc32(struct.pack('<fff', 1.5, -2.0, 0.25)) in Python
        assertEquals("e115aaf6", md.get("weights_crc32").textValue());
        md.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(), e.getKey() + " must be a string"));
    }

    /** header_crc32 recomputed from the rule in SafetensorsFile's documentation, written out here independently. */
    @Test
    void headerChecksumFollowsTheDocumentedCanonicalForm() throws IOException {
        Path f = dir.resolve("tiny.safetensors");
        ModelFile.save(f, tiny(), labels("a", "b"));
        ObjectNode json = RawFile.read(f).json();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Map<String, String> meta = new TreeMap<>();
        json.get("__metadata__").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().textValue()));
        String recorded = meta.remove("header_crc32");
        for (Map.Entry<String, String> e : meta.entrySet()) {
            putString(out, e.getKey());
            putString(out, e.getValue());
        }
        Map<String, JsonNode> tensors = new TreeMap<>();
        json.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("__metadata__")) tensors.put(e.getKey(), e.getValue());
        });
        for (Map.Entry<String, JsonNode> e : tensors.entrySet()) {
            putString(out, e.getKey());
            putString(out, e.getValue().get("dtype").textValue());
            out.writeLong(e.getValue().get("shape").size());
            for (JsonNode d : e.getValue().get("shape")) out.writeLong(d.longValue());
            out.writeLong(e.getValue().get("data_offsets").get(0).longValue());
            out.writeLong(e.getValue().get("data_offsets").get(1).longValue());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        assertEquals(String.format("%08x", crc.getValue()), recorded);
    }

    private static void putString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    @Test
    void loadedModelHasIdenticalParametersAndOutputs() throws IOException {
        for (Model original : List.of(TestModels.imageModel(), TestModels.textModel())) {
            Path f = dir.resolve(original.spec().name() + ".safetensors");
            ObjectNode md = labels("yes", "no");
            md.putObject("training").put("epochs", 3).put("seed", 11);
            ModelFile.save(f, original, md);

            SavedModel saved = ModelFile.load(f);
            Model loaded = saved.model();
            assertEquals(original.spec(), saved.spec());
            assertEquals(original.spec(), loaded.spec());
            assertEquals(original.seed(), loaded.seed());
            assertEquals(md, saved.metadata());
            assertEquals(1, saved.formatVersion());
            assertEquals(ConvkitVersion.VERSION, saved.convkitVersion());
            assertEquals(original.parameters().keySet(), loaded.parameters().keySet());
            for (Parameter p : original.parameters().values()) {
                assertArrayEquals(bits(p.value()), bits(loaded.parameter(p.name()).value()), p.name());
            }
            Tensor input = original.spec().name().startsWith("image") ? TestModels.images(5, 900) : TestModels.tokens(5, 900);
            Tensor expected = original.predict(input);
            assertArrayEquals(bits(expected), bits(loaded.predict(input)), "outputs of " + original.spec().name());
        }
    }

    static int[] bits(Tensor t) {
        int[] b = new int[t.size()];
        for (int i = 0; i < b.length; i++) b[i] = Float.floatToRawIntBits(t.data()[i]);
        return b;
    }

    @Test
    void savingTheSameModelTwiceGivesIdenticalBytes() throws IOException {
        Model m = TestModels.imageModel();
        Path a = dir.resolve("a.safetensors"), b = dir.resolve("b.safetensors");
        ModelFile.save(a, m, labels("x", "y"));
        ModelFile.save(b, m, labels("x", "y"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void readHeaderReturnsArchitectureAndMetadataWithoutReadingWeights() throws IOException {
        Model m = TestModels.textModel();
        Path f = dir.resolve("m.safetensors");
        ModelFile.save(f, m, labels("pos", "neg"));
        // cut the weights off: the header alone must still be readable, the full load must not
        byte[] all = Files.readAllBytes(f);
        long n = RawFile.read(f).headerLength();
        Files.write(f, Arrays.copyOf(all, (int) (8 + n + 16)));

        ModelFileHeader h = ModelFile.readHeader(f);
        assertEquals(m.spec(), h.spec());
        assertEquals(1234L, h.seed());
        assertEquals(1, h.formatVersion());
        assertEquals(ConvkitVersion.VERSION, h.convkitVersion());
        assertEquals(labels("pos", "neg"), h.metadata());
        assertEquals(labels("pos", "neg"), ModelFile.readMetadata(f));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void nullMetadataIsSavedAsAnEmptyObject() throws IOException {
        Path f = dir.resolve("m.safetensors");
        ModelFile.save(f, tiny(), null);
        assertEquals(RawFile.PLAIN.createObjectNode(), ModelFile.load(f).metadata());
    }

    @Test
    void saveReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.writeString(f, "old content");
        ModelFile.save(f, tiny(), labels("a"));
        assertEquals(0.25f, ModelFile.load(f).model().parameter("d.bias").value().data()[0]);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void refusesToSaveNonFiniteWeights() {
        Model m = tiny();
        m.parameter("d.weight").value().data()[1] = Float.NaN; // as a diverged training run would leave it
        Path f = dir.resolve("m.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(f, m, null));
        assertTrue(e.getMessage().contains("parameter 'd.weight' element 1 is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(Files.notExists(f));
    }

    @Test
    void saveIntoAMissingDirectoryNamesIt() {
        Path f = dir.resolve("no-such-dir").resolve("m.safetensors");
        IOException e = assertThrows(IOException.class, () -> ModelFile.save(f, tiny(), null));
        assertTrue(e.getMessage().contains("no-such-dir") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void loadingAMissingFileNamesIt() {
        Path f = dir.resolve("absent.safetensors");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("absent.safetensors"));
    }

    /**
     * A file written by the reference safetensors library (Python package safetensors 0.8.0,
     * safetensors.numpy.save_file), with the convkit metadata and checksums computed in Python:
     * the Dense(1) model with weight [0.5, -1.25] and bias 3 (see src/test/resources/.../make_reference_file.py).
     */
    @Test
    void loadsAFileWrittenByTheReferenceSafetensorsLibrary() throws IOException {
        Path f = dir.resolve("reference.safetensors");
        try (InputStream in = getClass().getResourceAsStream("reference-dense.safetensors")) {
            Files.copy(in, f);
        }
        SavedModel s = ModelFile.load(f);
        assertArrayEquals(new float[]{0.5f, -1.25f}, s.model().parameter("d.weight").value().toArray());
        assertArrayEquals(new float[]{3f}, s.model().parameter("d.bias").value().toArray());
        assertEquals(labels("a"), s.metadata());
        // 0.5*2 - 1.25*4 + 3 = -1 (exact in float32)
        assertEquals(-1f, s.model().predict(Tensor.of(new float[]{2f, 4f}, 1, 2)).data()[0]);
    }
}
