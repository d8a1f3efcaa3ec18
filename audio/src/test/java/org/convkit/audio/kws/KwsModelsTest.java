package org.convkit.audio.kws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convkit.audio.features.FeatureSettings;
import org.convkit.nn.Model;
import org.junit.jupiter.api.Test;

class KwsModelsTest {

    private static Model model(String name, int frames, int coefficients) {
        return Model.create(KwsModels.build(name, frames, coefficients, 12), 1);
    }

    @Test
    void countsParametersAndMultiplyAddsAsWorkedOutByHand() {
        // Hand derivations for a 1 x 101 x 40 input and 12 classes (weights + biases; MACs = outputs x kernel volume).
        // cnn-trad-pool2: conv1 64x(20x8)+64 = 10,304, out 82x33; pool -> 41x16; conv2 64x64x10x4+64 = 163,904,
        // out 32x13; dense 64*32*13=26,624 x 12 + 12 = 319,500. MACs 82*33*64*160 + 32*13*64*2560 + 26,624*12.
        assertCounts("cnn-trad-pool2", 10_304 + 163_904 + 319_500, 27_709_440L + 68_157_440L + 319_488L);
        // cnn-one-fstride4: conv 186x(101x8)+186 = 150,474 at 9 frequency positions; dense 1674->128->128->12.
        assertCounts("cnn-one-fstride4", 150_474 + 214_400 + 16_512 + 1_548, 1_352_592L + 214_272L + 16_384L + 1_536L);
        // res8: conv0 45x9 (no bias) on 101x40; avg pool 4x3 -> 25x13; 6 convs 45x45x9; dense 45x12+12.
        assertCounts("res8", 405 + 6 * 18_225 + 552, 1_636_200L + 6 * 5_923_125L + 540L);
        assertCounts("res8-narrow", 171 + 6 * 3_249 + 240, 690_840L + 6 * 1_055_925L + 228L);
        // res15: 13 dilated convs at full 101x40 resolution.
        assertCounts("res15", 405 + 13 * 18_225 + 552, 1_636_200L + 13 * 73_629_000L + 540L);
        // ds-cnn-s: conv 64x10x4 stride 2 (same) -> 51x20, BN 2x64; 4 x (dw 64x9+64, BN, pw 64x64+64, BN); dense.
        assertCounts("ds-cnn-s", 2_624 + 128 + 4 * (640 + 128 + 4_160 + 128) + 780,
                2_611_200L + 4 * (587_520L + 4_177_920L) + 768L);
    }

    private static void assertCounts(String name, long params, long macs) {
        Model m = model(name, 101, 40);
        assertEquals(params, m.trainableParameterCount(), name + " parameters");
        assertEquals(macs, m.macs(), name + " multiply-adds");
        assertEquals(12, m.outputShape().size());
    }

    @Test
    void matchesTheFiguresTheResidualNetworkPaperPrints() {
        // Tang and Lin (2018), Table 1: parameters of res8 110K, res8-narrow 19.9K, res15 238K.
        for (String name : new String[] {"res8", "res8-narrow", "res15"}) {
            PublishedFigures p = PublishedFigures.of(name).orElseThrow();
            long ours = model(name, 101, 40).trainableParameterCount();
            assertEquals(p.parameters(), ours, 0.005 * p.parameters(), name + " parameters vs paper");
        }
    }

    @Test
    void matchesSainathAndParadaForTheirInputSize() {
        // Sainath and Parada (2015) count the convolution of cnn-one-fstride4 on a 32 x 40 input:
        // 47.6K weights and 428.5K multiplies.
        Model m = model("cnn-one-fstride4", 32, 40);
        long convWeights = m.parameter("conv1.weight").size();
        assertEquals(47_616, convWeights);
        long convMacs = 186L * 9 * 32 * 8;
        assertEquals(47_600, convWeights, 0.005 * 47_600);
        assertEquals(428_500, convMacs, 0.005 * 428_500);
        assertEquals(convMacs + 1674L * 128 + 128 * 128 + 128 * 12, m.macs());
    }

    @Test
    void matchesHelloEdgeOperationsForItsInputSize() {
        // Zhang et al. (2017): DS-CNN small on 49 x 10 MFCCs, 5.4M operations (2 per multiply-add).
        Model m = model("ds-cnn-s", 49, 10);
        long macs = 25L * 5 * 64 * 40 + 4 * (25L * 5 * 64 * 9 + 25L * 5 * 64 * 64) + 64 * 12;
        assertEquals(macs, m.macs());
        assertEquals(5_400_000, 2.0 * m.macs(), 0.03 * 5_400_000);
    }

    @Test
    void buildsFromFeatureSettingsAndRejectsUnknownNames() {
        assertEquals(6, KwsModels.NAMES.size());
        for (String name : KwsModels.NAMES) {
            assertEquals(name, KwsModels.build(name, FeatureSettings.defaults(), 12).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KwsModels.build("res9", FeatureSettings.defaults(), 12));
        assertTrue(e.getMessage().contains("res9") && e.getMessage().contains("ds-cnn-s"), e.getMessage());
    }
}
