package org.convkit.audio.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.convkit.audio.ClipFeaturizer;
import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.io.AudioFileException;

/**
 * Keeps the features of unaugmented clips so that later epochs skip decoding and the front end.
 *
 * <p>Key: the file's absolute normalised path, size in bytes, last-modified time, and the
 * {@link ClipFeaturizer#fingerprint()} (every feature setting, the global statistics and the
 * decoding pipeline). Editing a file or changing a setting therefore misses.
 *
 * <p>Two levels: an in-memory LRU map bounded in bytes (each entry is charged 4 bytes per value
 * plus its key and a fixed 128-byte overhead; an entry larger than the bound is not kept), and an
 * optional directory holding one file per key, named by the SHA-256 of the key. Disk files are
 * written to a temporary name in the same directory and atomically renamed, so a crash leaves
 * either the old state or the complete file. A disk file is checked against the full key it
 * stores; a file from another format version or key is recomputed and replaced, a damaged one is
 * an {@link IOException} naming it.
 *
 * <p>Thread-safe; the {@link ClipFeaturizer} passed to {@link #get} must belong to the calling
 * thread. Returned matrices are immutable and shared.
 */
public final class FeatureCache {

    private static final int MAGIC = 0x434B4643; // "CKFC"
    private static final int FORMAT_VERSION = 1;
    private static final long ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final Path directory;
    private final LinkedHashMap<String, FeatureMatrix> memory = new LinkedHashMap<>(64, 0.75f, true);
    private long memoryBytes;
    private long memoryHits;
    private long diskHits;
    private long misses;

    private FeatureCache(long maxBytes, Path directory) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("memory bound must be >= 0 bytes, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.directory = directory;
    }

    /**
     * A memory-only cache.
     *
     * @param maxMegabytes memory bound in MiB (2^20 bytes), &gt;= 0
     * @return the cache
     */
    public static FeatureCache inMemory(double maxMegabytes) {
        return new FeatureCache(megabytes(maxMegabytes), null);
    }

    /**
     * A cache in memory backed by a directory (created if missing).
     *
     * @param maxMegabytes memory bound in MiB, &gt;= 0 (0 keeps everything on disk only)
     * @param directory    cache directory
     * @return the cache
     * @throws IOException if the directory cannot be created
     */
    public static FeatureCache withDirectory(double maxMegabytes, Path directory) throws IOException {
        Files.createDirectories(Objects.requireNonNull(directory, "directory"));
        return new FeatureCache(megabytes(maxMegabytes), directory);
    }

    private static long megabytes(double mb) {
        if (!(mb >= 0) || Double.isInfinite(mb)) {
            throw new IllegalArgumentException("maxMegabytes must be finite and >= 0, was " + mb);
        }
        return (long) (mb * 1024 * 1024);
    }

    /**
     * Features of {@code file} through {@code featurizer}, from memory, disk, or computed (and then
     * stored in both).
     *
     * @param file       audio file
     * @param featurizer front end of the calling thread
     * @return the features (immutable, shared)
     * @throws AudioFileException if the file is missing or cannot be decoded
     * @throws IOException        if a cache file is damaged or cannot be written
     */
    public FeatureMatrix get(Path file, ClipFeaturizer featurizer) throws IOException {
        Objects.requireNonNull(featurizer, "featurizer");
        String key = keyOf(file, featurizer);
        synchronized (this) {
            FeatureMatrix m = memory.get(key);
            if (m != null) {
                memoryHits++;
                return m;
            }
        }
        Path diskFile = directory == null ? null : directory.resolve(sha256(key) + ".features");
        FeatureMatrix m = diskFile == null ? null : readDisk(diskFile, key);
        if (m != null) {
            synchronized (this) {
                diskHits++;
            }
        } else {
            m = featurizer.compute(file);
            synchronized (this) {
                misses++;
            }
            if (diskFile != null) {
                writeDisk(diskFile, key, m);
            }
        }
        remember(key, m);
        return m;
    }

    /**
     * Lookups answered from memory.
     *
     * @return count since construction
     */
    public synchronized long memoryHits() {
        return memoryHits;
    }

    /**
     * Lookups answered from the directory.
     *
     * @return count since construction
     */
    public synchronized long diskHits() {
        return diskHits;
    }

    /**
     * Lookups that computed the features.
     *
     * @return count since construction
     */
    public synchronized long misses() {
        return misses;
    }

    /**
     * Bytes currently charged to the in-memory level.
     *
     * @return bytes, at most the bound
     */
    public synchronized long memoryBytes() {
        return memoryBytes;
    }

    /**
     * Entries currently in memory.
     *
     * @return count
     */
    public synchronized int memoryEntries() {
        return memory.size();
    }

    private synchronized void remember(String key, FeatureMatrix m) {
        long cost = cost(key, m);
        if (cost > maxBytes || memory.containsKey(key)) {
            return;
        }
        memory.put(key, m);
        memoryBytes += cost;
        Iterator<Map.Entry<String, FeatureMatrix>> it = memory.entrySet().iterator();
        while (memoryBytes > maxBytes && it.hasNext()) {
            Map.Entry<String, FeatureMatrix> eldest = it.next();
            memoryBytes -= cost(eldest.getKey(), eldest.getValue());
            it.remove();
        }
    }

    private static long cost(String key, FeatureMatrix m) {
        return 4L * m.frames() * m.coefficients() + 2L * key.length() + ENTRY_OVERHEAD;
    }

    private static String keyOf(Path file, ClipFeaturizer featurizer) throws AudioFileException {
        Path abs = file.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, "no such file; expected an existing audio file", e);
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot read file attributes (" + e + ")", e);
        }
        return abs + "\n" + attrs.size() + "\n" + attrs.lastModifiedTime() + "\n" + featurizer.fingerprint();
    }

    private static FeatureMatrix readDisk(Path diskFile, String key) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(diskFile);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            if (b.getInt() != MAGIC) {
                throw new IOException(diskFile + ": not a convkit feature-cache file (bad magic number)");
            }
            if (b.getInt() != FORMAT_VERSION) {
                return null; // another format version: recompute and replace
            }
            byte[] storedKey = new byte[b.getInt()];
            b.get(storedKey);
            if (!key.equals(new String(storedKey, StandardCharsets.UTF_8))) {
                return null; // SHA-256 collision or foreign file: recompute and replace
            }
            int frames = b.getInt();
            int coefficients = b.getInt();
            long n = (long) frames * coefficients;
            if (frames < 1 || coefficients < 1 || b.remaining() != 4 * n) {
                throw new IOException(diskFile + ": feature-cache file holds " + b.remaining()
                        + " bytes of values; expected " + frames + " x " + coefficients + " floats");
            }
            float[] values = new float[(int) n];
            b.asFloatBuffer().get(values);
            return new FeatureMatrix(frames, coefficients, values);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IOException(diskFile + ": feature-cache file is truncated", e);
        }
    }

    private static void writeDisk(Path diskFile, String key, FeatureMatrix m) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bos = new ByteArrayOutputStream(24 + keyBytes.length + 4 * m.frames() * m.coefficients());
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(keyBytes.length);
            out.write(keyBytes);
            out.writeInt(m.frames());
            out.writeInt(m.coefficients());
            float[] values = m.toArray();
            for (float v : values) {
                out.writeFloat(v);
            }
        }
        org.convkit.io.AtomicFile.write(diskFile, bos::writeTo);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
