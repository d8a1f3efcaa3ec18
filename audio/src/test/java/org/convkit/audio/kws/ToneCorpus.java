package org.convkit.audio.kws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.convkit.audio.io.WavWriter;

/**
 * Writes a small Speech Commands-layout corpus of synthetic "words" for tests: {@code yes} is a
 * rising chirp from 1.8 to 2.6 kHz, {@code no} a falling chirp from 700 to 300 Hz, {@code cat} (an
 * unknown word) steady tones at 1.1 and 1.3 kHz (separate bands, so that part of a word, as a
 * streaming window sees it, still identifies it); each
 * "speaker" scales the frequencies, and clips are placed at random offsets with a faint noise floor.
 * Speakers s00-s11 train, s12-s14 validation, s15-s17 test.
 */
public final class ToneCorpus {

    /** Sample rate of every file. */
    public static final int RATE = 16000;

    private ToneCorpus() {
    }

    /**
     * Writes the corpus.
     *
     * @param dir       destination (created)
     * @param takes     clips per speaker and word
     * @return dir
     * @throws IOException if writing fails
     */
    public static Path write(Path dir, int takes) throws IOException {
        List<String> validation = new ArrayList<>();
        List<String> testing = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        for (String word : List.of("yes", "no", "cat")) {
            Files.createDirectories(dir.resolve(word));
            for (int s = 0; s < 18; s++) {
                double scale = 0.85 + 0.3 * s / 17.0;
                for (int t = 0; t < takes; t++) {
                    String name = String.format("s%02d_nohash_%d.wav", s, t);
                    WavWriter.writeMono16(dir.resolve(word).resolve(name), clip(word, scale, r), RATE);
                    if (s >= 12 && s < 15) {
                        validation.add(word + "/" + name);
                    } else if (s >= 15) {
                        testing.add(word + "/" + name);
                    }
                }
            }
        }
        Files.writeString(dir.resolve("validation_list.txt"), String.join("\n", validation) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("testing_list.txt"), String.join("\n", testing) + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("_background_noise_"));
        float[] noise = new float[20 * RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * r.nextGaussian());
        }
        WavWriter.writeMono16(dir.resolve("_background_noise_").resolve("white.wav"), noise, RATE);
        return dir;
    }

    /**
     * One 1 s clip of a word.
     *
     * @param word  yes, no or cat
     * @param scale frequency scale of the speaker
     * @param r     random source (offset, level, noise)
     * @return 16000 samples
     */
    public static float[] clip(String word, double scale, SplittableRandom r) {
        float[] x = new float[RATE];
        int len = (int) (0.4 * RATE);
        int start = (int) (0.2 * RATE) + r.nextInt((int) (0.2 * RATE));
        double amp = 0.3 + 0.3 * r.nextDouble();
        double phase = 0;
        for (int i = 0; i < len; i++) {
            double u = i / (double) len;
            double env = Math.sin(Math.PI * u);
            double v;
            switch (word) {
                case "yes" -> {
                    phase += 2 * Math.PI * scale * (1800 + 800 * u) / RATE;
                    v = Math.sin(phase);
                }
                case "no" -> {
                    phase += 2 * Math.PI * scale * (700 - 400 * u) / RATE;
                    v = Math.sin(phase);
                }
                default -> v = 0.5 * Math.sin(2 * Math.PI * scale * 1100 * i / RATE)
                        + 0.5 * Math.sin(2 * Math.PI * scale * 1300 * i / RATE);
            }
            x[start + i] = (float) (amp * env * v);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.001 * r.nextGaussian());
        }
        return x;
    }

    /**
     * Training settings for a quick model on this corpus: cnn-one-fstride4, keywords yes and no,
     * 10 % silence and unknown.
     *
     * @param dir   corpus
     * @param out   model file
     * @param epochs epochs
     * @return the settings
     */
    public static KwsTrainingSettings settings(Path dir, Path out, int epochs) {
        return KwsTrainingSettings.defaults(dir.toString(), "cnn-one-fstride4", out.toString())
                .withTask(List.of("yes", "no"), 10, 10).withEpochs(epochs).withOptimiser(16, 0.002)
                .withModel("cnn-one-fstride4", out.toString(), 0);
    }
}
