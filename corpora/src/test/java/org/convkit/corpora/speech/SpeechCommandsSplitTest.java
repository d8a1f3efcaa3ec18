package org.convkit.corpora.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convkit.corpora.Split;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected percentages and splits were computed independently with Python 3, exactly as TensorFlow's
 * {@code which_set} does:
 * {@code (int(hashlib.sha1(re.sub(r'_nohash_.*$', '', basename).encode()).hexdigest(), 16) % 2**27) * (100.0 / (2**27 - 1))}.
 */
class SpeechCommandsSplitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "yes/988e2f9a_nohash_0.wav       | 988e2f9a                | 99.92649331634114   | TRAIN",
        "no/988e2f9a_nohash_3.wav        | 988e2f9a                | 99.92649331634114   | TRAIN",
        "0a7c2a8d_nohash_0.wav           | 0a7c2a8d                | 56.836387193474074  | TRAIN",
        "house/bed_nohash_x_nohash_1.wav | bed                     | 84.34698197504119   | TRAIN",
        "white_noise.wav                 | white_noise.wav         | 36.531761560825714  | TRAIN",
        "clip-without-marker.wav         | clip-without-marker.wav | 54.51693649975163   | TRAIN",
        "caf\u00e9_nohash_0.wav          | caf\u00e9               | 80.22000178858639   | TRAIN",
        "6513270e_nohash_0.wav           | 6513270e                | 2.9457658748758275  | VALIDATION",
        "1818e811_nohash_2.wav           | 1818e811                | 8.614023093983702   | VALIDATION",
        "6b0d549b_nohash_0.wav           | 6b0d549b                | 6.669697960240378   | VALIDATION",
        "3d9c1724_nohash_0.wav           | 3d9c1724                | 0.4324160548479561  | VALIDATION",
        "f29d0da9_nohash_0.wav           | f29d0da9                | 2.2898428312677357  | VALIDATION",
        "4a23d596_nohash_3.wav           | 4a23d596                | 7.67413234467903    | VALIDATION",
        "923a7369_nohash_1.wav           | 923a7369                | 9.182670780887236   | VALIDATION",
        "7f150524_nohash_4.wav           | 7f150524                | 7.766731886317818   | VALIDATION",
        "4ef8aa38_nohash_4.wav           | 4ef8aa38                | 17.63242868805251   | TEST",
        "dae44550_nohash_4.wav           | dae44550                | 18.180611865078     | TEST",
        "cf44dd3f_nohash_0.wav           | cf44dd3f                | 10.589287508944329  | TEST",
        "7ff12229_nohash_0.wav           | 7ff12229                | 16.019315391922856  | TEST",
        "fee5a5b2_nohash_0.wav           | fee5a5b2                | 13.113249936053528  | TEST",
        "834c687a_nohash_2.wav           | 834c687a                | 16.245731087369702  | TEST",
        "66809a11_nohash_0.wav           | 66809a11                | 11.524324950012005  | TEST",
        "52e6b438_nohash_1.wav           | 52e6b438                | 69.16106320292549   | TRAIN",
        "128b2f33_nohash_4.wav           | 128b2f33                | 37.49730465931672   | TRAIN",
        "e8e25d94_nohash_4.wav           | e8e25d94                | 28.44741663670105   | TRAIN",
        "1fb17c23_nohash_1.wav           | 1fb17c23                | 95.06241601006997   | TRAIN",
        "d0eda82f_nohash_1.wav           | d0eda82f                | 29.74900029412657   | TRAIN",
        "3f98e277_nohash_1.wav           | 3f98e277                | 99.4929045400985    | TRAIN",
    })
    void matchesTensorFlowWhichSet(String file, String hashName, double percentage, Split split) {
        assertEquals(hashName, SpeechCommandsSplit.hashName(file));
        assertEquals(percentage, SpeechCommandsSplit.percentage(file), 0.0, "bit-exact double as in Python");
        assertEquals(split, SpeechCommandsSplit.whichSet(file));
    }

    @ParameterizedTest
    @CsvSource({
        "52e6b438_nohash_1.wav, TRAIN",      // 69.16
        "e8e25d94_nohash_4.wav, VALIDATION", // 28.45 < 30
        "1600a35a_nohash_3.wav, TEST",       // 52.79 in [30, 60)
    })
    void appliesOtherPercentages(String file, Split split) {
        assertEquals(split, SpeechCommandsSplit.whichSet(file, 30, 30));
    }
}
