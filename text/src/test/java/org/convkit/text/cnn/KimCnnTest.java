package org.convkit.text.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.convkit.io.ConvkitJson;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Embedding;
import org.convkit.nn.Init;
import org.convkit.nn.MaxOverTime;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KimCnnTest {

    @Test
    void kimDefaultsAreThePapers() {
        KimCnn k = KimCnn.kim2014(EmbeddingMode.NON_STATIC);
        assertEquals(List.of(3, 4, 5), k.filterWidths());
        assertEquals(100, k.featureMaps());
        assertEquals(300, k.embeddingDim());
        assertEquals(KimCnn.Activation.RELU, k.activation());
        assertEquals(0.5, k.dropout());
        assertEquals(3.0, k.maxNorm());
        assertEquals(5, k.widestFilter());
    }

    @Test
    void widthSpanningConvolutionGivesOneValuePerPositionAndFilter() {
        // Sentence matrix of ids [2, 3, 1, 2] over rows r2=[1,2], r3=[-1,3], r1=[0.5,-1]; two 2x2
        // filters A=[[1,0],[0,1]] (bias 0.5) and B=[[-1,1],[2,0]] (bias 0). By hand:
        // A(t) = r_t[0] + r_{t+1}[1] + 0.5 -> 4.5, -1.5, 3.0
        // B(t) = -r_t[0] + r_t[1] + 2 r_{t+1}[0] -> -1, 5, 0.5
        ModelBuilder b = new ModelBuilder("conv");
        Node x = b.input("tokens", 4).then("embedding", new Embedding(4, 2, true, 0, Init.ZEROS))
            .then("conv", Conv2d.of(2, 2, 2));
        Model model = Model.create(b.build(x), 1);
        assertEquals(Shape.of(2, 3, 1), model.outputShape());
        model.setParameter("embedding.weight", Tensor.of(new float[] {0, 0, 0.5f, -1, 1, 2, -1, 3}, 4, 2));
        model.setParameter("conv.weight", Tensor.of(new float[] {1, 0, 0, 1, -1, 1, 2, 0}, 2, 1, 2, 2));
        model.setParameter("conv.bias", Tensor.of(new float[] {0.5f, 0}, 2));
        Tensor y = model.predict(Tensor.of(new float[] {2, 3, 1, 2}, 1, 4));
        assertArrayEquals(new float[] {4.5f, -1.5f, 3.0f, -1f, 5f, 0.5f}, y.toArray(), 1e-6f);
    }

    @Test
    void maxOverTimePicksTheMaximumAndSendsTheGradientOnlyThere() {
        ModelBuilder b = new ModelBuilder("pool");
        Node x = b.input("maps", 2, 4, 1).then("pool", new MaxOverTime());
        Model model = Model.create(b.build(x), 1);
        model.setInputGradients(true);
        Tensor in = Tensor.of(new float[] {1, 7, 3, 2, -5, -9, -2, -3}, 1, 2, 4, 1);
        Tensor y = model.forward(true, in);
        assertArrayEquals(new float[] {7, -2}, y.toArray());
        model.backward(Tensor.of(new float[] {0.3f, -1.2f}, 1, 2, 1));
        assertArrayEquals(new float[] {0, 0.3f, 0, 0, 0, 0, -1.2f, 0}, model.inputGradient(0).toArray());
    }

    @Test
    void specHasOneBranchPerWidthAndPoolsToOneFeaturePerMap() {
        KimCnn k = TinyTopics.tinyNetwork(EmbeddingMode.NON_STATIC);
        ModelSpec spec = k.spec(30, 12, 3);
        Model model = Model.create(spec, 1);
        assertEquals(Shape.of(1, 12, 8), model.shapes().get("embedding"));
        assertEquals(Shape.of(6, 11, 1), model.shapes().get("conv2"));
        assertEquals(Shape.of(6, 10, 1), model.shapes().get("conv3"));
        assertEquals(Shape.of(6, 1), model.shapes().get("pool3"));
        assertEquals(Shape.of(12), model.shapes().get("flatten"));
        assertEquals(Shape.of(3), model.outputShape());
        assertTrue(model.parameter("embedding.weight").trainable());
        float[] table = model.parameter("embedding.weight").value().toArray();
        for (int d = 0; d < 8; d++) {
            assertEquals(0f, table[d], "padding row must start at zero");
        }
    }

    @Test
    void staticModeFreezesTheTableAndMultichannelStacksTwoChannels() {
        Model fixed = Model.create(TinyTopics.tinyNetwork(EmbeddingMode.STATIC).spec(30, 12, 2), 1);
        assertFalse(fixed.parameter("embedding.weight").trainable());

        Model multi = Model.create(TinyTopics.tinyNetwork(EmbeddingMode.MULTICHANNEL).spec(30, 12, 2), 1);
        assertEquals(Shape.of(2, 12, 8), multi.shapes().get("channels"));
        assertArrayEquals(new int[] {6, 2, 3, 8}, multi.parameter("conv3.weight").value().shape());
        assertFalse(multi.parameter(KimCnn.STATIC_EMBEDDING + ".weight").trainable());
        assertTrue(multi.parameter(KimCnn.EMBEDDING + ".weight").trainable());
    }

    @Test
    void twoChannelConvolutionAddsThePerChannelResponses() {
        // Kim: "each filter is applied to both channels and the results are added".
        KimCnn k = new KimCnn(List.of(2), 1, 2, EmbeddingMode.MULTICHANNEL, KimCnn.Activation.RELU, 0.0, 3.0);
        Model model = Model.create(k.spec(4, 3, 2), 1);
        // Fixed channel rows: r2=[1,0], r3=[0,1]; tuned channel rows: r2=[2,1], r3=[-1,1].
        model.setParameter("embedding_static.weight", Tensor.of(new float[] {0, 0, 0, 0, 1, 0, 0, 1}, 4, 2));
        model.setParameter("embedding.weight", Tensor.of(new float[] {0, 0, 0, 0, 2, 1, -1, 1}, 4, 2));
        // Filter: fixed channel [[1,2],[3,4]], tuned channel [[-1,0],[0,2]], bias 0.
        model.setParameter("conv2.weight", Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 0, 2}, 1, 2, 2, 2));
        model.setParameter("conv2.bias", Tensor.of(new float[] {0}, 1));
        model.setParameter("output.weight", Tensor.of(new float[] {1, -1}, 2, 1));
        model.setParameter("output.bias", Tensor.of(new float[] {0, 0}, 2));
        // ids [2, 3, 0]: t=0 fixed 1*1+2*0+3*0+4*1 = 5, tuned -1*2+0+0+2*1 = 0 -> 5;
        // t=1 fixed 1*0+2*1+0+0 = 2, tuned -1*(-1)+0+0+2*0 = 1 -> 3. ReLU, max -> 5; logits [5, -5].
        Tensor logits = model.predict(Tensor.of(new float[] {2, 3, 0}, 1, 3));
        assertArrayEquals(new float[] {5, -5}, logits.toArray(), 1e-6f);
    }

    @Test
    void rejectsInvalidSettingsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new KimCnn(List.of(3, 3), 10, 8, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 3));
        assertTrue(e.getMessage().contains("filterWidths"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new KimCnn(List.of(3), 0, 8, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 3));
        assertThrows(IllegalArgumentException.class,
            () -> new KimCnn(List.of(3), 10, 8, EmbeddingMode.RAND, KimCnn.Activation.RELU, 1.0, 3));
        assertThrows(IllegalArgumentException.class,
            () -> new KimCnn(List.of(3), 10, 8, EmbeddingMode.RAND, KimCnn.Activation.RELU, 0.5, 0));
        IllegalArgumentException shortInput = assertThrows(IllegalArgumentException.class,
            () -> KimCnn.kim2014(EmbeddingMode.RAND).spec(10, 4, 2));
        assertTrue(shortInput.getMessage().contains("widest filter"), shortInput.getMessage());
    }

    @Test
    void settingsRoundTripThroughJson() throws Exception {
        ObjectMapper json = ConvkitJson.mapper();
        KimCnn k = TinyTopics.tinyNetwork(EmbeddingMode.MULTICHANNEL);
        assertEquals(k, json.readValue(json.writeValueAsString(k), KimCnn.class));
        KimTrainingSettings t = KimTrainingSettings.kim2014(42).withMaxTokens(400).withEpochs(3);
        assertEquals(t, json.readValue(json.writeValueAsString(t), KimTrainingSettings.class));
    }

    @Test
    void parsesEmbeddingModeNames() {
        assertEquals(EmbeddingMode.NON_STATIC, EmbeddingMode.parse("nonstatic"));
        assertEquals(EmbeddingMode.NON_STATIC, EmbeddingMode.parse("non-static"));
        assertEquals(EmbeddingMode.MULTICHANNEL, EmbeddingMode.parse("MultiChannel"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingMode.parse("dynamic"));
        assertTrue(e.getMessage().contains("rand, static, nonstatic, multichannel"), e.getMessage());
    }
}
