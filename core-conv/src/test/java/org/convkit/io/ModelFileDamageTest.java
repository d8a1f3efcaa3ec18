package org.convkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.nn.Model;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a model file can be wrong: each test writes a good file, damages it, and checks that
 * loading fails with a message naming the file and the problem.
 */
class ModelFileDamageTest {

    @TempDir
    Path dir;
    Path file;

    /** The image model's parameters in file order: conv1.weight [4,1,3,3] at 0..144, conv1.bias [4] at 144..160, ... */
    @BeforeEach
    void writeGoodFile() throws IOException {
        file = dir.resolve("model.safetensors");
        Model m = TestModels.imageModel();
        ObjectNode md = RawFile.PLAIN.createObjectNode();
        md.putArray("labels").add("yes").add("no").add("unknown");
        ModelFile.save(file, m, md);
    }

    private void assertLoadFails(String... fragments) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file.toString() + ": "), "message must name the file: " + msg);
        assertTrue(e.file().equals(file));
        for (String f : fragments) assertTrue(msg.contains(f), "expected '" + f + "' in: " + msg);
    }

    /** Rewrites the header after {@code edit}; {@code reseal} recomputes header_crc32 so later checks are reached. */
    private void editHeader(Consumer<ObjectNode> edit, boolean reseal) throws IOException {
        RawFile raw = RawFile.read(file);
        ObjectNode json = raw.json().deepCopy();
        edit.accept(json);
        if (reseal) RawFile.resealHeader(json);
        RawFile.write(file, json, raw.data());
    }

    private static ObjectNode meta(ObjectNode json) {
        return (ObjectNode) json.get("__metadata__");
    }

    private static void offsets(ObjectNode json, String tensor, long begin, long end) {
        ArrayNode o = ((ObjectNode) json.get(tensor)).putArray("data_offsets");
        o.add(begin).add(end);
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Files.write(file, new byte[0]);
        assertLoadFails("the file is empty", "expected a convkit model file");
    }

    @Test
    void rejectsFileShorterThanTheHeaderLength() throws IOException {
        Files.write(file, new byte[]{1, 2, 3, 4, 5});
        assertLoadFails("not a convkit model file", "5 bytes long, shorter than the 8-byte header length");
    }

    @Test
    void rejectsRandomBytes() throws IOException {
        byte[] junk = new byte[4096];
        SplittableRandom rng = new SplittableRandom(99);
        for (int i = 0; i < junk.length; i++) junk[i] = (byte) rng.nextInt(256);
        Files.write(file, junk);
        assertLoadFails("not a convkit model file", "header length of", "more than the 100000000");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws IOException {
        RawFile raw = RawFile.read(file);
        byte[] all = Files.readAllBytes(file);
        int cut = 8 + (int) raw.headerLength() / 2;
        Files.write(file, Arrays.copyOf(all, cut));
        assertLoadFails("not a convkit model file, or truncated", "header length of " + raw.headerLength() + " bytes",
                "only " + (cut - 8) + " bytes follow");
    }

    @Test
    void rejectsAbsurdHeaderLength() throws IOException {
        RawFile raw = RawFile.read(file);
        RawFile.write(file, 200_000_000L, raw.header(), raw.data());
        assertLoadFails("header length of 200000000 bytes, more than the 100000000");
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[8] = 'x'; // the opening brace
        Files.write(file, all);
        assertLoadFails("not a convkit model file: its header is not valid JSON", "Unrecognized token");
    }

    @Test
    void rejectsGarbageAfterTheHeaderJson() throws IOException {
        RawFile raw = RawFile.read(file);
        byte[] h = Arrays.copyOf(raw.header(), raw.header().length + 8);
        byte[] tail = "} junk  ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, h, raw.header().length, 8);
        RawFile.write(file, h.length, h, raw.data());
        assertLoadFails("its header is not valid JSON");
    }

    @Test
    void detectsAFlippedByteInTheHeaderMetadata() throws IOException {
        byte[] all = Files.readAllBytes(file);
        String s = new String(all, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("unknown");
        all[at + 2] ^= 0x01; // "unknown" -> "uoknown": still valid JSON, a label quietly changed
        Files.write(file, all);
        assertLoadFails("the header is damaged", "header_crc32 records");
    }

    @Test
    void detectsAChangedShapeWithoutMatchingChecksum() throws IOException {
        editHeader(j -> ((ObjectNode) j.get("dense.bias")).putArray("shape").add(1).add(5), false);
        assertLoadFails("the header is damaged");
    }

    @Test
    void rejectsSafetensorsFileWithoutMetadata() throws IOException {
        ObjectNode json = RawFile.PLAIN.createObjectNode();
        ObjectNode w = json.putObject("w");
        w.put("dtype", "F32");
        w.putArray("shape").add(1);
        w.putArray("data_offsets").add(0).add(4);
        RawFile.write(file, json, new byte[4]);
        assertLoadFails("a safetensors file but not a convkit model", "no __metadata__.format entry");
    }

    @Test
    void rejectsFileWhoseFormatKeyWasRemoved() throws IOException {
        editHeader(j -> meta(j).remove("format"), true);
        assertLoadFails("a safetensors file but not a convkit model");
    }

    @Test
    void rejectsFileOfAnotherFormat() throws IOException {
        editHeader(j -> meta(j).put("format", "pt"), true);
        assertLoadFails("a safetensors file of format 'pt', not a convkit model");
    }

    @Test
    void rejectsACheckpointGivenAsAModel() throws IOException {
        Checkpoint.save(file, TestModels.textModel(), Map.of(), 2, null);
        assertLoadFails("a convkit training checkpoint, not a convkit model; read it with Checkpoint.load");
    }

    @Test
    void rejectsUnsupportedFormatVersion() throws IOException {
        editHeader(j -> meta(j).put("format_version", "2"), true);
        assertLoadFails("format version 2 (written by convkit " + ConvkitVersion.VERSION + ")",
                "reads format version 1 only; use a newer convkit");
    }

    @Test
    void rejectsFormatVersionThatIsNotANumber() throws IOException {
        editHeader(j -> meta(j).put("format_version", "one"), true);
        assertLoadFails("__metadata__.format_version is 'one', expected a whole number");
    }

    @Test
    void rejectsArchitectureThatIsNotJson() throws IOException {
        editHeader(j -> meta(j).put("architecture", "{\"name\":\"m\",\"inputs\":["), true);
        assertLoadFails("the architecture in the header is invalid", "Unexpected end-of-input");
    }

    @Test
    void rejectsArchitectureWithAnUnknownLayerType() throws IOException {
        editHeader(j -> meta(j).put("architecture", meta(j).get("architecture").textValue()
                .replace("\"type\":\"Dense\"", "\"type\":\"Dense3d\"")), true);
        assertLoadFails("the architecture in the header is invalid", "Could not resolve type id 'Dense3d'");
    }

    @Test
    void rejectsArchitectureWithAnInvalidLayerSetting() throws IOException {
        editHeader(j -> meta(j).put("architecture", meta(j).get("architecture").textValue()
                .replace("\"filters\":4", "\"filters\":0")), true);
        assertLoadFails("the architecture in the header is invalid", "Conv2d needs positive filters");
    }

    @Test
    void rejectsMissingParameter() throws IOException {
        editHeader(j -> j.remove("dense.bias"), true);
        assertLoadFails("parameter 'dense.bias' (shape [5]) that the architecture needs is missing");
    }

    @Test
    void rejectsMissingRunningStatistics() throws IOException {
        editHeader(j -> j.remove("bn1.running_var"), true);
        assertLoadFails("parameter 'bn1.running_var' (shape [4]) that the architecture needs is missing");
    }

    @Test
    void rejectsExtraTensor() throws IOException {
        RawFile raw = RawFile.read(file);
        long end = raw.data().length;
        editHeader(j -> {
            ObjectNode t = j.putObject("extra.w");
            t.put("dtype", "F32");
            t.putArray("shape").add(1);
            t.putArray("data_offsets").add(end).add(end + 4);
        }, true);
        assertLoadFails("holds tensor(s) [extra.w] that the architecture has no parameter for");
    }

    @Test
    void rejectsWrongDtype() throws IOException {
        editHeader(j -> ((ObjectNode) j.get("dense.bias")).put("dtype", "F16"), true);
        assertLoadFails("tensor 'dense.bias' has dtype F16; convkit reads F32 (float32) only");
    }

    @Test
    void rejectsShapeThatDiffersFromTheArchitecture() throws IOException {
        editHeader(j -> ((ObjectNode) j.get("conv1.weight")).putArray("shape").add(4).add(1).add(9).add(1), true);
        assertLoadFails("parameter 'conv1.weight' has shape [4, 1, 9, 1] in the file but the architecture needs [4, 1, 3, 3]");
    }

    @Test
    void rejectsOffsetsThatDoNotMatchTheShape() throws IOException {
        editHeader(j -> offsets(j, "conv1.bias", 144, 164), true);
        assertLoadFails("tensor 'conv1.bias' has data_offsets [144, 164] spanning 20 bytes, but shape [4] of F32 needs 16");
    }

    @Test
    void rejectsOverlappingOffsets() throws IOException {
        editHeader(j -> offsets(j, "conv1.bias", 140, 156), true);
        assertLoadFails("tensors 'conv1.weight' (data_offsets [0, 144]) and 'conv1.bias' ([140, 156]) overlap");
    }

    @Test
    void rejectsOffsetsOutOfRange() throws IOException {
        RawFile raw = RawFile.read(file);
        long end = raw.data().length;
        editHeader(j -> offsets(j, "dense.bias", end + 4096 - 20, end + 4096), true);
        assertLoadFails("tensor 'dense.bias' has data_offsets [" + (end + 4076) + ", " + (end + 4096) + "] out of range");
    }

    @Test
    void rejectsNegativeOffsets() throws IOException {
        editHeader(j -> offsets(j, "dense.bias", -20, 0), true);
        assertLoadFails("tensor entry 'dense.bias' has data_offsets [-20,0] out of range");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 10));
        RawFile raw = RawFile.read(file);
        assertLoadFails("the data section is truncated", "describes " + (raw.data().length + 10) + " bytes of weights but only "
                + raw.data().length + " bytes follow", "tensor 'dense.bias'");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length + 3));
        assertLoadFails("3 unexpected bytes follow the last tensor");
    }

    @Test
    void detectsAFlippedByteInTheWeights() throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[all.length - 30] ^= 0x10;
        Files.write(file, all);
        assertLoadFails("the weights are damaged", "weights_crc32 records");
    }

    @Test
    void rejectsNaNWeightsEvenWithAMatchingChecksum() throws IOException {
        writeValueWithMatchingChecksums("dense.weight", 3, Float.NaN);
        assertLoadFails("tensor 'dense.weight' element 3 is NaN; saved weights must be finite numbers");
    }

    @Test
    void rejectsInfiniteRunningVariance() throws IOException {
        writeValueWithMatchingChecksums("bn1.running_var", 0, Float.POSITIVE_INFINITY);
        assertLoadFails("tensor 'bn1.running_var' element 0 is Infinity");
    }

    private void writeValueWithMatchingChecksums(String tensor, int element, float value) throws IOException {
        RawFile raw = RawFile.read(file);
        long begin = raw.json().get(tensor).get("data_offsets").get(0).longValue();
        byte[] data = raw.data().clone();
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) begin + 4 * element, value);
        ObjectNode json = raw.json().deepCopy();
        RawFile.resealWeights(json, data);
        RawFile.resealHeader(json);
        RawFile.write(file, json, data);
    }

    @Test
    void rejectsMissingWeightsChecksum() throws IOException {
        editHeader(j -> meta(j).remove("weights_crc32"), true);
        assertLoadFails("the header has no __metadata__.weights_crc32 entry");
    }

    @Test
    void rejectsMetadataThatIsNotAJsonObject() throws IOException {
        editHeader(j -> meta(j).put("metadata", "[1,2]"), true);
        assertLoadFails("__metadata__.metadata must be a JSON object");
    }

    @Test
    void rejectsNonStringMetadataValue() throws IOException {
        editHeader(j -> meta(j).put("seed", 42), true);
        assertLoadFails("__metadata__ entry 'seed' must be a string, found NUMBER");
    }
}
