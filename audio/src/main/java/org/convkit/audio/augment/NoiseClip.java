package org.convkit.audio.augment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.convkit.audio.io.AudioReader;

/**
 * A named background-noise recording (mono, at the training sample rate), such as one file of
 * Speech Commands' {@code _background_noise_} folder. Immutable.
 */
public final class NoiseClip {

    private final String name;
    private final float[] samples;

    /**
     * Creates a clip (the samples are copied).
     *
     * @param name    name for messages, e.g. the file name
     * @param samples mono samples, finite
     */
    public NoiseClip(String name, float[] samples) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(samples, "samples");
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("noise clip " + name + ": sample " + i + " is " + samples[i]);
            }
        }
        this.samples = samples.clone();
    }

    /**
     * Loads every {@code .wav} file of a directory (not recursive), in file-name order, mixed down
     * to mono and resampled to {@code sampleRate}.
     *
     * @param directory  folder of noise recordings
     * @param sampleRate target sample rate in Hz
     * @return the clips, named by file name, sorted by name
     * @throws IOException if the directory cannot be listed or a file cannot be decoded (the
     *                     exception names the file)
     */
    public static List<NoiseClip> loadDirectory(Path directory, int sampleRate) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
                    files.add(p);
                }
            }
        }
        files.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        if (files.isEmpty()) {
            throw new IOException(directory + ": contains no .wav files; expected background-noise recordings");
        }
        List<NoiseClip> clips = new ArrayList<>(files.size());
        for (Path f : files) {
            clips.add(new NoiseClip(f.getFileName().toString(), AudioReader.readMono(f, sampleRate)));
        }
        return List.copyOf(clips);
    }

    /**
     * The clip's name.
     *
     * @return name given at construction
     */
    public String name() {
        return name;
    }

    /**
     * Number of samples.
     *
     * @return length
     */
    public int length() {
        return samples.length;
    }

    float sample(int i) {
        return samples[i];
    }
}
