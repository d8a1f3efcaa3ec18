package org.convkit.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.tensor.Tensor;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The safetensors container (the format of Hugging Face's {@code safetensors} library) as convkit
 * writes and checks it: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8
 * JSON header padded with spaces to an 8-byte boundary, then the raw little-endian tensors. The
 * header maps each tensor name to {@code {"dtype","shape","data_offsets":[begin,end]}} (offsets from
 * the first data byte) and {@code "__metadata__"} to a map of strings.
 *
 * <p>convkit adds two integrity entries to the metadata: {@code weights_crc32}, the CRC-32 of the
 * whole data section, and {@code header_crc32}, the CRC-32 of the header's content in a canonical
 * form (see {@link #headerChecksum}), so damage to the weights, to an offset, or to a label in the
 * metadata is reported instead of producing a quietly different model.
 *
 * <p>The checks mirror the reference reader: header at most 100,000,000 bytes, tensors laid out
 * back to back from offset 0 with no gap or overlap, each spanning exactly its element count times
 * the dtype size, and the data section ending exactly at the end of the file.
 */
final class SafetensorsFile {
    /** The reference implementation's limit on the header length (its {@code MAX_HEADER_SIZE}). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA = "__metadata__";
    static final String WEIGHTS_CRC = "weights_crc32";
    static final String HEADER_CRC = "header_crc32";
    static final String F32 = "F32";

    /** Chunk for encoding and decoding the data section: large enough for few system calls, small enough to stay in cache. */
    private static final int CHUNK = 1 << 16;

    static final ObjectMapper JSON = ConvkitJson.mapper();

    private SafetensorsFile() {
    }

    /** A tensor to write. */
    record Entry(String name, Tensor tensor) {
    }

    /** One tensor entry of a header. */
    record TensorInfo(String name, String dtype, int[] shape, long begin, long end) {
        long elements() {
            long n = 1;
            for (int d : shape) n = Math.multiplyExact(n, d);
            return n;
        }

        String shapeString() {
            return Arrays.toString(shape);
        }
    }

    /**
     * A parsed header. {@code metadata} is null when the file has no {@code __metadata__}; tensors
     * are in header order.
     */
    record Header(Path file, long fileSize, long dataStart, Map<String, String> metadata, List<TensorInfo> tensors) {
        long dataLength() {
            return fileSize - dataStart;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a safetensors file atomically: {@code metadata} (in its order) plus {@code weights_crc32}
     * and {@code header_crc32}, then the tensors back to back in list order.
     */
    static void write(Path target, Map<String, String> metadata, List<Entry> tensors) throws IOException {
        List<TensorInfo> infos = new ArrayList<>();
        long offset = 0;
        for (Entry e : tensors) {
            long bytes = 4L * e.tensor().size();
            infos.add(new TensorInfo(e.name(), F32, e.tensor().shape(), offset, offset + bytes));
            offset += bytes;
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.remove(HEADER_CRC);
        meta.put(WEIGHTS_CRC, hex(dataChecksum(tensors)));
        meta.put(HEADER_CRC, hex(headerChecksum(meta, infos)));
        byte[] header = headerBytes(meta, infos);
        AtomicFile.write(target, raw -> {
            OutputStream out = new BufferedOutputStream(raw, CHUNK);
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            try {
                encode(tensors, buf -> {
                    try {
                        out.write(buf.array(), 0, buf.limit());
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            } catch (UncheckedIOException ex) {
                throw ex.getCause();
            }
            out.flush();
        });
    }

    /** The header JSON, padded with spaces so that 8 + its length is a multiple of 8 (tensor data 8-byte aligned). */
    static byte[] headerBytes(Map<String, String> metadata, List<TensorInfo> infos) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject(METADATA);
        metadata.forEach(meta::put);
        for (TensorInfo t : infos) {
            ObjectNode o = root.putObject(t.name());
            o.put("dtype", t.dtype());
            ArrayNode shape = o.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            o.putArray("data_offsets").add(t.begin()).add(t.end());
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk);
    }

    /** Encodes the tensors as little-endian float32, back to back, handing out full chunks. */
    private static void encode(List<Entry> tensors, ChunkSink sink) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : tensors) {
            float[] d = e.tensor().data();
            int n = e.tensor().size();
            for (int i = 0; i < n; i++) {
                if (buf.remaining() < 4) {
                    buf.flip();
                    sink.accept(buf);
                    buf.clear();
                }
                buf.putFloat(d[i]);
            }
        }
        buf.flip();
        if (buf.hasRemaining()) sink.accept(buf);
    }

    private static long dataChecksum(List<Entry> tensors) {
        CRC32 crc = new CRC32();
        encode(tensors, buf -> crc.update(buf.array(), 0, buf.limit()));
        return crc.getValue();
    }

    /**
     * CRC-32 of the header's content, independent of JSON formatting and key order: every metadata
     * entry but {@code header_crc32}, sorted by key, then every tensor's name, dtype, shape and
     * offsets, sorted by name; strings as a 4-byte big-endian UTF-8 length and the bytes, numbers as
     * 8-byte big-endian values.
     */
    static long headerChecksum(Map<String, String> metadata, List<TensorInfo> tensors) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                if (e.getKey().equals(HEADER_CRC)) continue;
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            List<TensorInfo> sorted = new ArrayList<>(tensors);
            sorted.sort(Comparator.comparing(TensorInfo::name));
            for (TensorInfo t : sorted) {
                writeString(out, t.name());
                writeString(out, t.dtype());
                out.writeLong(t.shape().length);
                for (int d : t.shape()) out.writeLong(d);
                out.writeLong(t.begin());
                out.writeLong(t.end());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            return crc.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String hex(long crc) {
        return String.format("%08x", crc);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and parses the header, checking that the file is a well-formed safetensors header;
     * does not read the tensor data.
     *
     * @param expected what the caller wanted, for messages ("a convkit model file")
     */
    static Header readHeader(FileChannel ch, Path file, String expected) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new ModelFileException(file, "the file is empty; expected " + expected
                    + " (safetensors: an 8-byte header length, a JSON header, then the weights)");
        }
        if (size < 8) {
            throw new ModelFileException(file, "not " + expected + ": the file is " + size
                    + " bytes long, shorter than the 8-byte header length that starts a safetensors file");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new ModelFileException(file, "not " + expected + ": its first 8 bytes give a header length of "
                    + Long.toUnsignedString(n) + " bytes, more than the " + MAX_HEADER_BYTES
                    + " a safetensors header may have");
        }
        if (n > size - 8) {
            throw new ModelFileException(file, "not " + expected + ", or truncated: its first 8 bytes give a header length of "
                    + n + " bytes but only " + (size - 8) + " bytes follow");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, file);
        JsonNode root;
        try {
            root = JSON.readTree(hb.array());
        } catch (JacksonException e) {
            throw new ModelFileException(file, "not " + expected + ": its header is not valid JSON ("
                    + message(e) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(file, "not " + expected + ": its header is not a JSON object");
        }
        Map<String, String> metadata = null;
        List<TensorInfo> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA)) {
                metadata = parseMetadata(file, f.getValue());
            } else {
                tensors.add(parseTensor(file, f.getKey(), f.getValue()));
            }
        }
        return new Header(file, size, 8 + n, metadata, tensors);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws ModelFileException {
        if (!node.isObject()) {
            throw new ModelFileException(file, "not a valid safetensors file: " + METADATA
                    + " must be a JSON object of strings, found " + node.getNodeType());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(file, "not a valid safetensors file: " + METADATA + " entry '" + e.getKey()
                        + "' must be a string, found " + e.getValue().getNodeType());
            }
            m.put(e.getKey(), e.getValue().textValue());
        }
        return m;
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node) throws ModelFileException {
        String bad = "not a valid safetensors file: tensor entry '" + name + "' ";
        if (!node.isObject()) throw new ModelFileException(file, bad + "must be a JSON object, found " + node.getNodeType());
        JsonNode dtype = node.get("dtype"), shape = node.get("shape"), offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual()) throw new ModelFileException(file, bad + "needs a string \"dtype\"");
        if (shape == null || !shape.isArray()) {
            throw new ModelFileException(file, bad + "needs \"shape\", an array of non-negative integers");
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new ModelFileException(file, bad + "has shape " + shape + "; expected non-negative integers");
            }
            dims[i] = d.intValue();
        }
        if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFileException(file, bad + "needs \"data_offsets\", an array [begin, end]");
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = offsets.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new ModelFileException(file, bad + "has data_offsets " + offsets
                        + " out of range; expected two non-negative integers");
            }
            be[i] = o.longValue();
        }
        if (be[1] < be[0]) {
            throw new ModelFileException(file, bad + "has data_offsets " + offsets + " out of range: end before begin");
        }
        return new TensorInfo(name, dtype.textValue(), dims, be[0], be[1]);
    }

    /** Checks {@code header_crc32} against the parsed header. */
    static void verifyHeaderChecksum(Header h) throws ModelFileException {
        long recorded = parseCrc(h, HEADER_CRC);
        long actual = headerChecksum(h.metadata(), h.tensors());
        if (recorded != actual) {
            throw new ModelFileException(h.file(), "the header is damaged: the CRC-32 of its entries is " + hex(actual)
                    + " but " + HEADER_CRC + " records " + hex(recorded));
        }
    }

    private static long parseCrc(Header h, String key) throws ModelFileException {
        String s = h.metadata().get(key);
        if (s == null) throw new ModelFileException(h.file(), "the header has no " + METADATA + "." + key + " entry");
        if (!s.matches("[0-9a-f]{8}")) {
            throw new ModelFileException(h.file(), METADATA + "." + key + " is '" + s + "', expected 8 lowercase hex digits");
        }
        return Long.parseLong(s, 16);
    }

    /**
     * Checks that every tensor is F32 and spans exactly its size, and that the tensors fill the
     * data section back to back with no gap, overlap, truncation or trailing bytes.
     */
    static void checkLayout(Header h) throws ModelFileException {
        Path file = h.file();
        for (TensorInfo t : h.tensors()) {
            if (!t.dtype().equals(F32)) {
                throw new ModelFileException(file, "tensor '" + t.name() + "' has dtype " + t.dtype()
                        + "; convkit reads " + F32 + " (float32) only");
            }
            long need;
            try {
                need = Math.multiplyExact(t.elements(), 4L);
            } catch (ArithmeticException e) {
                throw new ModelFileException(file, "tensor '" + t.name() + "' has shape " + t.shapeString() + ", too large");
            }
            if (t.end() - t.begin() != need) {
                throw new ModelFileException(file, "tensor '" + t.name() + "' has data_offsets [" + t.begin() + ", " + t.end()
                        + "] spanning " + (t.end() - t.begin()) + " bytes, but shape " + t.shapeString() + " of F32 needs "
                        + need);
            }
        }
        List<TensorInfo> byOffset = new ArrayList<>(h.tensors());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo prev = null;
        for (TensorInfo t : byOffset) {
            if (t.begin() < expected) {
                throw new ModelFileException(file, "tensors '" + prev.name() + "' (data_offsets [" + prev.begin() + ", "
                        + prev.end() + "]) and '" + t.name() + "' ([" + t.begin() + ", " + t.end() + "]) overlap");
            }
            if (t.begin() > expected) {
                throw new ModelFileException(file, "tensor '" + t.name() + "' has data_offsets [" + t.begin() + ", " + t.end()
                        + "] out of range: bytes " + expected + " to " + t.begin()
                        + " of the data section belong to no tensor; tensors must be laid out back to back from 0");
            }
            expected = t.end();
            prev = t;
        }
        long have = h.dataLength();
        if (expected > have) {
            TensorInfo cut = byOffset.stream().filter(t -> t.end() > have).findFirst().orElseThrow();
            throw new ModelFileException(file, "the data section is truncated: the header describes " + expected
                    + " bytes of weights but only " + have + " bytes follow the header (tensor '" + cut.name()
                    + "' needs bytes " + cut.begin() + " to " + cut.end() + ")");
        }
        if (expected < have) {
            throw new ModelFileException(file, (have - expected) + " unexpected bytes follow the last tensor: the header describes "
                    + expected + " bytes of weights but " + have + " follow the header");
        }
    }

    /**
     * Reads every tensor (after {@link #checkLayout}), checks the data section's CRC-32 against
     * {@code weights_crc32} and that every value is finite. Returns the values by tensor name, in
     * header order.
     */
    static Map<String, float[]> readData(FileChannel ch, Header h) throws IOException {
        long recorded = parseCrc(h, WEIGHTS_CRC);
        List<TensorInfo> byOffset = new ArrayList<>(h.tensors());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin));
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TensorInfo t : h.tensors()) values.put(t.name(), null);
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorInfo t : byOffset) {
            float[] v = new float[Math.toIntExact(t.elements())];
            long pos = h.dataStart() + t.begin();
            int done = 0;
            while (done < v.length) {
                int count = Math.min(v.length - done, CHUNK / 4);
                buf.clear().limit(count * 4);
                readFully(ch, buf, pos, h.file());
                crc.update(buf.array(), 0, count * 4);
                buf.flip();
                buf.asFloatBuffer().get(v, done, count);
                done += count;
                pos += count * 4L;
            }
            values.put(t.name(), v);
        }
        long actual = crc.getValue();
        if (actual != recorded) {
            throw new ModelFileException(h.file(), "the weights are damaged: the CRC-32 of the data section is "
                    + hex(actual) + " but " + WEIGHTS_CRC + " records " + hex(recorded));
        }
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            float[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new ModelFileException(h.file(), "tensor '" + e.getKey() + "' element " + i + " is " + v[i]
                            + "; saved weights must be finite numbers");
                }
            }
        }
        return values;
    }

    /** Jackson's message without the location boilerplate it adds when the source is not recorded. */
    static String message(JacksonException e) {
        return e.getOriginalMessage()
                .replace("Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "");
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new ModelFileException(file, "the file ended at byte " + pos + " while reading; it was truncated while open");
            }
            pos += r;
        }
    }
}
