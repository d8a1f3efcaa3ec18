package org.convkit.audio.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.audio.ClipFeaturizer;
import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.LogMelSpectrogram;
import org.convkit.audio.features.Mfcc;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path dir;

    private Path clip(String name, double frequency) throws IOException {
        float[] x = new float[16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / 16000));
        }
        Path p = dir.resolve(name);
        WavWriter.writeMono16(p, x, 16000);
        return p;
    }

    private static ClipFeaturizer logMel() {
        return new ClipFeaturizer(new LogMelSpectrogram(FeatureSettings.defaults()), 16000);
    }

    @Test
    void memoryHitReturnsIdenticalFeatures() throws IOException {
        Path a = clip("a.wav", 440);
        FeatureCache cache = FeatureCache.inMemory(16);
        ClipFeaturizer cf = logMel();
        FeatureMatrix first = cache.get(a, cf);
        FeatureMatrix second = cache.get(a, cf);
        assertSame(first, second);
        assertEquals(cf.compute(a), second); // bit-identical to a fresh computation
        assertEquals(1, cache.misses());
        assertEquals(1, cache.memoryHits());
    }

    @Test
    void diskHitReturnsIdenticalFeaturesInAFreshCache() throws IOException {
        Path a = clip("a.wav", 440);
        Path cacheDir = dir.resolve("cache");
        FeatureMatrix computed = FeatureCache.withDirectory(16, cacheDir).get(a, logMel());
        FeatureCache second = FeatureCache.withDirectory(16, cacheDir);
        FeatureMatrix fromDisk = second.get(a, logMel());
        assertEquals(computed, fromDisk);
        assertEquals(1, second.diskHits());
        assertEquals(0, second.misses());
        try (Stream<Path> s = Files.list(cacheDir)) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), "no temporary files are left: " + files);
            assertTrue(files.get(0).getFileName().toString().matches("[0-9a-f]{64}\\.features"));
        }
    }

    @Test
    void changedSettingsOrFileMiss() throws IOException {
        Path a = clip("a.wav", 440);
        FeatureCache cache = FeatureCache.inMemory(16);
        FeatureMatrix logMel = cache.get(a, logMel());
        FeatureMatrix mfcc = cache.get(a, new ClipFeaturizer(new Mfcc(FeatureSettings.defaults().withBands(40, 13)), 16000));
        assertEquals(13, mfcc.coefficients());
        assertEquals(2, cache.misses());
        // Rewrite the file with other content and a later modification time.
        clip("a.wav", 1000);
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        FeatureMatrix changed = cache.get(a, logMel());
        assertEquals(3, cache.misses());
        assertNotEquals(logMel, changed);
    }

    @Test
    void memoryStaysWithinTheBoundEvictingLeastRecentlyUsed() throws IOException {
        // One 101 x 40 entry costs 16160 bytes + key + 128: a 0.04 MiB (41943 bytes) bound holds two.
        FeatureCache cache = FeatureCache.inMemory(0.04);
        ClipFeaturizer cf = logMel();
        Path a = clip("a.wav", 300);
        Path b = clip("b.wav", 600);
        Path c = clip("c.wav", 900);
        cache.get(a, cf);
        cache.get(b, cf);
        cache.get(a, cf); // a is now the most recently used
        cache.get(c, cf); // evicts b
        assertEquals(2, cache.memoryEntries());
        assertTrue(cache.memoryBytes() <= 41943, "bytes " + cache.memoryBytes());
        long misses = cache.misses();
        cache.get(a, cf);
        assertEquals(misses, cache.misses(), "a stayed");
        cache.get(b, cf);
        assertEquals(misses + 1, cache.misses(), "b was evicted");
    }

    @Test
    void damagedDiskEntryIsReportedNamingIt() throws IOException {
        Path a = clip("a.wav", 440);
        Path cacheDir = dir.resolve("cache");
        FeatureCache.withDirectory(0, cacheDir).get(a, logMel());
        Path entry;
        try (Stream<Path> s = Files.list(cacheDir)) {
            entry = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(IOException.class, () -> FeatureCache.withDirectory(0, cacheDir).get(a, logMel()));
        assertTrue(e.getMessage().contains(entry.getFileName().toString()), e.getMessage());
    }

    @Test
    void missingAudioFileIsNamed() {
        FeatureCache cache = FeatureCache.inMemory(1);
        Path missing = dir.resolve("missing.wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> cache.get(missing, logMel()));
        assertTrue(e.getMessage().contains("missing.wav"));
    }
}
