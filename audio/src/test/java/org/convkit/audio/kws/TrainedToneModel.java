package org.convkit.audio.kws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One small model trained on {@link ToneCorpus}, shared by the tests of this JVM (training takes seconds). */
public final class TrainedToneModel {

    private static KwsTrainingResult result;
    private static Path corpus;

    private TrainedToneModel() {
    }

    /**
     * The training result (trained on first use).
     *
     * @return result
     */
    public static synchronized KwsTrainingResult get() {
        if (result == null) {
            try {
                Path dir = Files.createTempDirectory("convkit-kws-test");
                corpus = ToneCorpus.write(dir.resolve("corpus"), 3);
                result = KwsTrainer.train(ToneCorpus.settings(corpus, dir.resolve("tone.convkit"), 12), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /**
     * The corpus directory the model was trained on.
     *
     * @return path
     */
    public static synchronized Path corpus() {
        get();
        return corpus;
    }
}
