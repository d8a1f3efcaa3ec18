package org.convkit.corpora.speech;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.Split;

/**
 * The Speech Commands partition rule, {@code which_set} of TensorFlow's
 * {@code tensorflow/examples/speech_commands/input_data.py} (also given in the dataset's README):
 * the file name without its {@code _nohash_} suffix is hashed with SHA-1, so every recording of one
 * speaker lands in the same split however many are added later.
 *
 * <pre>
 * hash_name  = re.sub(r'_nohash_.*$', '', basename(filename))
 * percentage = (int(sha1(hash_name).hexdigest(), 16) % (MAX_NUM_WAVS_PER_CLASS + 1))
 *              * (100.0 / MAX_NUM_WAVS_PER_CLASS)          # MAX_NUM_WAVS_PER_CLASS = 2**27 - 1
 * validation if percentage &lt; validation_percentage, test if &lt; validation + testing, else training
 * </pre>
 */
public final class SpeechCommandsSplit {

    /** {@code MAX_NUM_WAVS_PER_CLASS} of the reference implementation: 2<sup>27</sup> − 1. */
    public static final long MAX_NUM_WAVS_PER_CLASS = (1L << 27) - 1;

    /** The percentages the dataset's own lists were made with: 10 % validation, 10 % test. */
    public static final double DEFAULT_PERCENTAGE = 10.0;

    private SpeechCommandsSplit() {
    }

    /**
     * The part of a file name that is hashed: the base name with everything from the first
     * {@code _nohash_} removed (the whole base name when there is none).
     *
     * @param fileName a file name or path, with {@code /} or the platform separator
     * @return the speaker part, e.g. {@code 988e2f9a} for {@code right/988e2f9a_nohash_0.wav}
     */
    public static String hashName(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int cut = base.indexOf("_nohash_");
        return cut >= 0 ? base.substring(0, cut) : base;
    }

    /**
     * The percentage in [0, 100] that {@code which_set} compares with the thresholds.
     *
     * @param fileName the file name or path
     * @return {@code (sha1(hashName) mod 2^27) * (100 / (2^27 - 1))}, computed in double precision as
     *         Python does
     */
    public static double percentage(String fileName) {
        byte[] sha1 = Checksums.newDigest("SHA-1").digest(hashName(fileName).getBytes(StandardCharsets.UTF_8));
        long bucket = new BigInteger(1, sha1).mod(BigInteger.valueOf(MAX_NUM_WAVS_PER_CLASS + 1)).longValueExact();
        return bucket * (100.0 / MAX_NUM_WAVS_PER_CLASS);
    }

    /**
     * The split of a file under the given percentages.
     *
     * @param fileName             the file name or path
     * @param validationPercentage share of speakers for validation, in percent (reference: 10)
     * @param testingPercentage    share of speakers for testing, in percent (reference: 10)
     * @return {@link Split#VALIDATION}, {@link Split#TEST} or {@link Split#TRAIN}
     */
    public static Split whichSet(String fileName, double validationPercentage, double testingPercentage) {
        double percentage = percentage(fileName);
        if (percentage < validationPercentage) {
            return Split.VALIDATION;
        }
        if (percentage < testingPercentage + validationPercentage) {
            return Split.TEST;
        }
        return Split.TRAIN;
    }

    /**
     * The split of a file under the reference percentages (10 % validation, 10 % test).
     *
     * @param fileName the file name or path
     * @return the split
     */
    public static Split whichSet(String fileName) {
        return whichSet(fileName, DEFAULT_PERCENTAGE, DEFAULT_PERCENTAGE);
    }
}
