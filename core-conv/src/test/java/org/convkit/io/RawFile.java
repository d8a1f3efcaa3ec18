package org.convkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A safetensors file taken apart byte by byte for tests: the header length, the header JSON and
 * the data section. Parses with plain ByteBuffer and Jackson, not with the code under test.
 */
record RawFile(long headerLength, byte[] header, ObjectNode json, byte[] data) {
    static final ObjectMapper PLAIN = new ObjectMapper();

    static RawFile read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] header = Arrays.copyOfRange(all, 8, 8 + (int) n);
        byte[] data = Arrays.copyOfRange(all, 8 + (int) n, all.length);
        return new RawFile(n, header, (ObjectNode) PLAIN.readTree(header), data);
    }

    ObjectNode metadata() {
        return (ObjectNode) json.get("__metadata__");
    }

    /** Writes {@code json} (space-padded to 8-byte alignment) and {@code data} as a safetensors file. */
    static void write(Path file, ObjectNode json, byte[] data) throws IOException {
        byte[] h = PLAIN.writeValueAsBytes(json);
        int padded = (h.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(h, padded);
        Arrays.fill(header, h.length, padded, (byte) ' ');
        write(file, header.length, header, data);
    }

    /** Writes the three parts as given, whatever they hold. */
    static void write(Path file, long headerLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(header).put(data);
        Files.write(file, b.array());
    }

    /** Sets weights_crc32 to the CRC-32 of {@code data} (java.util.zip). */
    static void resealWeights(ObjectNode json, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        ((ObjectNode) json.get("__metadata__")).put("weights_crc32", String.format("%08x", crc.getValue()));
    }

    /** Sets header_crc32 to match the edited header (uses the production checksum: these tests are about later checks). */
    static void resealHeader(ObjectNode json) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<SafetensorsFile.TensorInfo> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
            } else {
                JsonNode t = e.getValue();
                int[] shape = new int[t.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).intValue();
                tensors.add(new SafetensorsFile.TensorInfo(e.getKey(), t.get("dtype").asText(), shape,
                        t.get("data_offsets").get(0).longValue(), t.get("data_offsets").get(1).longValue()));
            }
        }
        ((ObjectNode) json.get("__metadata__")).put("header_crc32",
                String.format("%08x", SafetensorsFile.headerChecksum(meta, tensors)));
    }

    String headerText() {
        return new String(header, StandardCharsets.UTF_8);
    }
}
